package dev.kraft.builder.make;

import java.nio.file.Path;
import java.util.Map;

/** Runs Unikraft's make: {@link MakeRunner} for real, a fake in tests of what the builder decides to run. */
public interface Make {

    /** Runs the invocation with some environment variables replaced, its output kept in the log. */
    void run(MakeInvocation make, Path log, Map<String, String> environment);

    default void run(MakeInvocation make, Path log) {
        run(make, log, Map.of());
    }

    /** Runs an invocation that only prints ({@code print-srcs}) and answers what it printed. */
    String print(MakeInvocation make);

    /** Runs the invocation with the user's terminal attached (menuconfig). */
    void runAttached(MakeInvocation make);
}
