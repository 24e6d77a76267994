package dev.kraft;

import dev.kraft.cli.Kraft;
import dev.kraft.support.Env;

/** Entry point: everything testable takes an {@link Env}; nothing below reads globals. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Kraft.run(args, Env.system()));
    }
}
