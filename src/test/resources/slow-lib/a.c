int slow_a(void) { return 1; }
