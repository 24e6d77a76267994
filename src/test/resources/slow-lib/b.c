int slow_b(void) { return 1; }
