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
    @Option(
            names = {"-d", "--detach"},
            description = "Run in the background and print the machine's name (as KraftKit does).")
    boolean detach;

    @Option(names = "--rm", description = "Remove the machine when it exits.")
    boolean remove;

    @Option(
            names = {"-n", "--name"},
            paramLabel = "NAME",
            description = "Name the machine (default: a random adjective_noun).")
    String name;

    @Option(names = "--no-start", description = "Create the machine without starting it (kraft start starts it).")
    boolean noStart;

    @Option(
            names = {"-M", "--memory"},
            paramLabel = "SIZE",
            defaultValue = "64Mi",
            description =
                    "Memory: 64Mi (default), 1Gi; K, M, G are decimal (KraftKit's), k, m, g binary (docker's: 512m is 512Mi).")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1", description = "Virtual CPUs (default 1).")
    int cpus;

    @Option(
            names = {"-a", "--kernel-arg"},
            paramLabel = "ARG",
            description = "A kernel argument; replaces the Kraftfile's cmd before --.")
    List<String> kernelArgs = new ArrayList<>();

    @Option(
            names = {"-e", "--env"},
            paramLabel = "NAME[=VALUE]",
            description = "An environment variable for the application; NAME alone takes your value.")
    List<String> env = new ArrayList<>();

    @Option(
            names = {"-p", "--port"},
            paramLabel = "[IP:][HOST:]GUEST[/PROTO]",
            description =
                    "Publish a guest port or range (8080-8081:80-81); no HOST takes a free one. The host address defaults to 0.0.0.0"
                            + " as in KraftKit and docker (publish_address in config.yaml changes it).")
    List<String> ports = new ArrayList<>();

    @Option(
            names = "--network",
            paramLabel = "NET[:IP[/MASK][:GW[:DNS0[:DNS1[:HOST[:DOMAIN]]]]]]",
            description =
                    "Join a kraft network (kraft net create), at IP or the next free address, with what the guest is told of it.")
    List<String> networks = new ArrayList<>();

    @Option(
            names = "--ip",
            paramLabel = "IP",
            description = "The guest's address on the one --network given (as --network NET:IP).")
    String ip;

    @Option(
            names = "--mac",
            paramLabel = "MAC",
            description = CompatFlags.IGNORED
                    + "KraftKit does not use it either; each interface gets a MAC derived from the machine's name.")
    String mac;

    @Option(
            names = {"-v", "--volume"},
            paramLabel = "HOST:GUEST[:ro]",
            description =
                    "Share a host directory over 9p; a NAME instead of a directory is a named volume, made on first use.")
    List<String> volumes = new ArrayList<>();

    @Option(
            names = {"--rootfs", "--initrd"},
            paramLabel = "PATH",
            description =
                    "A root file system: a CPIO file, a directory, a Dockerfile or an image reference (default: the Kraftfile's rootfs).")
    String rootfs;

    @Option(
            names = {"-r", "--runtime"},
            paramLabel = "REF",
            description = "Boot the project on this prebuilt runtime (an image) instead of its Kraftfile's runtime:.")
    String runtime;

    @Option(
            names = {"-W", "--disable-acceleration"},
            description =
                    "Use TCG emulation even where KVM is available (always: disable_acceleration in config.yaml).")
    boolean noAcceleration;

    @Option(names = "--symbolic", description = "Run the kernel with debug symbols (<kernel>.dbg).")
    boolean symbolic;

    @Option(
            names = "--as",
            paramLabel = "RUNNER",
            completionCandidates = Choices.Runners.class,
            description =
                    "How to read the argument: kernel (a kernel file), kraftfile-unikraft (a project), oci (an image).")
    String runAs;

    @Option(
            names = "--offline",
            description = "Boot only images already in the local store; never pull (also KRAFTKIT_OFFLINE=1).")
    boolean offline;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Start every console line with TEXT.")
    String prefix;

    @Option(names = "--prefix-name", description = "Start every console line with the machine's name.")
    boolean prefixName;

    @Option(
            names = "--qemu-sgabios-preamble",
            description = "Show the firmware's output (SeaBIOS, SGABIOS) before the kernel boots.")
    boolean firmwarePreamble;
}
