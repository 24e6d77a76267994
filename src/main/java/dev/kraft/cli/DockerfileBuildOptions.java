package dev.kraft.cli;

import dev.kraft.rootfs.DockerfileOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** KraftKit's switches for a Dockerfile rootfs, on {@code kraft build} and {@code kraft pkg}. */
final class DockerfileBuildOptions {
    @Option(
            names = "--build-arg",
            paramLabel = "NAME[=VALUE]",
            description = "A build argument for a Dockerfile rootfs; NAME alone takes your value.")
    List<String> buildArgs = new ArrayList<>();

    @Option(
            names = "--build-target",
            paramLabel = "STAGE",
            description = "The stage of a multi-stage Dockerfile rootfs to build.")
    String buildTarget;

    @Option(
            names = "--build-secret",
            paramLabel = "id=ID,src=FILE",
            description = "A secret for a Dockerfile rootfs (RUN --mount=type=secret); or type=env,id=ID,env=VAR.")
    List<String> buildSecrets = new ArrayList<>();

    DockerfileOptions toOptions() {
        return new DockerfileOptions(buildArgs, Optional.ofNullable(buildTarget), buildSecrets);
    }
}
