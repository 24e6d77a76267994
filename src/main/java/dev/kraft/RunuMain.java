package dev.kraft;

import dev.kraft.runu.Runu;
import dev.kraft.support.Env;

/** {@code kraft-runu}: the OCI runtime for unikernels (bin/kraft-runu). */
public final class RunuMain {
    private RunuMain() {}

    public static void main(String[] args) {
        System.exit(Runu.run(args, Env.system()));
    }
}
