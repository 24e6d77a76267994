int slow_h(void) { return 1; }
