int slow_e(void) { return 1; }
