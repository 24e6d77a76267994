int slow_g(void) { return 1; }
