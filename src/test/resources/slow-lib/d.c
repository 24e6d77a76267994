int slow_d(void) { return 1; }
