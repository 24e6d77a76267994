package dev.kraft.runu;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kraft-runu}: an OCI runtime whose containers are unikernels, with runc's command line,
 * so containerd's runc shim drives it (its {@code BinaryName}). The global options are runc's,
 * as the shim passes them.
 */
@Command(
        name = "kraft-runu",
        mixinStandardHelpOptions = true,
        versionProvider = RunuVersion.class,
        description = {
            "An OCI runtime for unikernels: each container boots the kernel of its image in QEMU.",
            "containerd's runc shim runs it in place of runc; see docs/containerd.md."
        },
        subcommandsRepeatable = false)
final class RunuCommand implements Callable<Integer> {
    @Option(
            names = "--root",
            paramLabel = "DIR",
            defaultValue = "/run/kraft-runu",
            description = "Where the state of containers is kept (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "Write messages to this file (the shim reads errors from it), not stderr.")
    Path log;

    @Option(
            names = "--log-format",
            paramLabel = "text|json",
            defaultValue = "text",
            description = "How messages are written: text or json.")
    String logFormat;

    @Option(names = "--systemd-cgroup", description = "Accepted for runc's sake; kraft-runu makes no cgroups.")
    boolean systemdCgroup;

    @Option(names = "--debug", description = "Write debug messages too.")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
