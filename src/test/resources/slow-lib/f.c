int slow_f(void) { return 1; }
