int slow_c(void) { return 1; }
