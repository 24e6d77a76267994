package dev.kraft.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft pkg [DIR] --name REF}'s options, KraftKit's names ({@code internal/cli/kraft/pkg/pkg.go}). */
final class PackOptions {
    @Option(
            names = {"-n", "--name"},
            paramLabel = "REF",
            description = "Package the built kernels as this image, e.g. unikraft.org/hello:latest.")
    String name;

    /** With --kernel, its --plat and --arch are the kernel file's. */
    @Mixin
    TargetOptions targets = new TargetOptions();

    @Option(
            names = {"-k", "--kernel"},
            paramLabel = "FILE",
            description = "Package this kernel file instead of a project's (needs --arch and --plat).")
    String kernel;

    @Option(
            names = {"-r", "--runtime"},
            paramLabel = "REF",
            description =
                    "Package the project on this prebuilt runtime (an image) instead of its Kraftfile's runtime:.")
    String runtime;

    @Option(
            names = {"-a", "--args"},
            paramLabel = "ARGS",
            description = "The image's command line (default: the Kraftfile's cmd); split like a shell.")
    List<String> args = new ArrayList<>();

    @Option(
            names = {"-e", "--env"},
            paramLabel = "NAME[=VALUE]",
            description = "An environment variable stored in the image.")
    List<String> env = new ArrayList<>();

    @Option(
            names = {"-l", "--label"},
            paramLabel = "KEY=VALUE",
            description = "A label stored in the image.")
    List<String> labels = new ArrayList<>();

    @Option(
            names = "--rootfs",
            paramLabel = "PATH",
            description =
                    "The initrd to include: a CPIO file, a directory, a Dockerfile or an image reference (default: the Kraftfile's rootfs).")
    String rootfs;

    @Option(
            names = "--strategy",
            paramLabel = "STRATEGY",
            defaultValue = "overwrite",
            completionCandidates = Choices.Strategies.class,
            description = "If the name exists: overwrite (default), merge (keep its other platforms) or abort.")
    String strategy;

    @Option(
            names = {"-P", "--push"},
            description = "Push the image to its registry afterwards.")
    boolean push;

    @Option(names = "--no-kconfig", description = "Do not record the kernel's Kconfig as os.features.")
    boolean noKconfig;

    @Option(
            names = "--dbg",
            description = "Package the debug image (<kernel>.dbg, with symbols) instead of the kernel.")
    boolean debugImage;

    @Option(
            names = {"-M", "--as"},
            paramLabel = "FORMAT",
            defaultValue = "oci",
            completionCandidates = Choices.PackageFormats.class,
            description = "The package format: oci, the only one there is.")
    String format;

    @Mixin
    WorkdirOption workdir = new WorkdirOption();

    @Option(
            names = {"-c", "--compress"},
            description = CompatFlags.IGNORED + "the initrd is stored as it is built.")
    boolean compress;

    @Option(
            names = "--force-format",
            description = CompatFlags.IGNORED + "KraftKit does not use it either; kraft packages OCI images only.")
    boolean forceFormat;

    @Option(
            names = "--no-pull",
            description =
                    CompatFlags.IGNORED + "packaging a project pulls nothing: it packages what kraft build built.")
    boolean noPull;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "PATH",
            description =
                    CompatFlags.IGNORED
                            + "KraftKit does not use it either; the image goes to the local store (kraft pkg push sends it on).")
    String output;

    @Mixin
    DockerfileBuildOptions dockerfile = new DockerfileBuildOptions();
}
