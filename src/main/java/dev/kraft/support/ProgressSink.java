package dev.kraft.support;

/** Where long work reports its {@link Progress}: the console, or nowhere. */
@FunctionalInterface
public interface ProgressSink {
    ProgressSink NONE = (label, unit) -> Progress.NONE;

    /** Starts showing the progress of work the label names ({@code downloading lib/musl 1.2.3}). */
    Progress start(String label, Progress.Unit unit);
}
