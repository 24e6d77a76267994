package dev.kraft.unikraft;

/** What part of a unikernel a component is, which decides where it is placed. */
public enum ComponentType {
    CORE,
    LIB,
    APP;
}
