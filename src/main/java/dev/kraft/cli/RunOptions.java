package dev.kraft.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code kraft run}'s machine options, KraftKit's names with docker's conventions. Here
 * {@code -p} publishes a port, as in docker, so the platform has only the long {@code --plat}
 * ({@link PlatformOptions#withoutShortPlat}).
 */
final class RunOptions {
    @Option(names = {"-d", "--detach"}, description = "Run in the background and print the machine's name.")
    boolean detach;

    @Option(names = "--rm", description = "Remove the machine when it exits.")
    boolean remove;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Name the machine (default: a random adjective_noun).")
    String name;

    @Option(names = "--no-start", description = "Create the machine without starting it (kraft start starts it).")
    boolean noStart;

    @Option(names = {"-M", "--memory"}, paramLabel = "SIZE", defaultValue = "64Mi", description = "Memory: 64Mi (default), 512M, 1G…")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1", description = "Virtual CPUs (default 1).")
    int cpus;

    @Option(names = {"-a", "--kernel-arg"}, paramLabel = "ARG", description = "A kernel argument; replaces the Kraftfile's cmd before --.")
    List<String> kernelArgs = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]", description = "An environment variable for the application; NAME alone takes your value.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-p", "--port"}, paramLabel = "[IP:]HOST:GUEST[/PROTO]", description = "Publish a guest port (host address defaults to 127.0.0.1).")
    List<String> ports = new ArrayList<>();

    @Option(names = "--network", paramLabel = "NET[:IP]", description = "Join a kraft network (kraft net create), at IP or the next free address.")
    List<String> networks = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:GUEST[:ro]", description = "Share a host directory over 9p.")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"--rootfs", "--initrd"}, paramLabel = "PATH", description = "A root file system: a CPIO file, a directory, a Dockerfile or an image reference (default: the Kraftfile's rootfs).")
    String rootfs;

    @Option(names = {"-r", "--runtime"}, paramLabel = "REF", description = "Boot the project on this prebuilt runtime (an image) instead of its Kraftfile's runtime:.")
    String runtime;

    @Option(names = {"-W", "--disable-acceleration"}, description = "Use TCG emulation even where KVM is available (always: disable_acceleration in config.yaml).")
    boolean noAcceleration;

    @Option(names = "--symbolic", description = "Run the kernel with debug symbols (<kernel>.dbg).")
    boolean symbolic;
}
