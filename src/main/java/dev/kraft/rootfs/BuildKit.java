package dev.kraft.rootfs;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.SafeUnpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds Dockerfiles on a BuildKit daemon the user runs and names, as in KraftKit
 * ({@code buildkit_host} in config.yaml, {@code KRAFTKIT_BUILDKIT_HOST}), through its client
 * {@code buildctl}: the same frontend attributes KraftKit sends (context and dockerfile from the
 * project's directory, {@code filename}, {@code platform}, {@code target}, {@code build-arg:}),
 * the image exported as an OCI archive, which kraft unpacks safely.
 */
final class BuildKit implements DockerfileBuilder {
    static final String INSTALL = "install buildctl, BuildKit's client (Debian 12 does not package it), or unset"
            + " buildkit_host / KRAFTKIT_BUILDKIT_HOST to build with buildah";
    private final ToolRun tools;
    private final String host;

    BuildKit(ToolRun tools, String host) {
        this.tools = tools;
        this.host = host;
    }

    @Override
    public String name() {
        return "BuildKit at " + host;
    }

    @Override
    public void build(DockerfileBuild build, Path layout) {
        tools.require("buildctl", INSTALL);
        Path archive = layout.resolveSibling(layout.getFileName() + ".tar");
        try {
            tools.run(argv(build, archive), Map.of(), build);
            SafeUnpacker.unpack(archive, layout, 0, SafeUnpacker.Limits.ROOT_FILESYSTEM);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.BUILD_FAILED, "cannot unpack BuildKit's image " + archive + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                // The archive sits in the build's scratch directory, which goes anyway.
            }
        }
    }

    List<String> argv(DockerfileBuild build, Path archive) {
        List<String> argv = new ArrayList<>(List.of(
                "buildctl",
                "--addr",
                host,
                "build",
                "--frontend",
                "dockerfile.v0",
                "--local",
                "context=" + build.context(),
                "--local",
                "dockerfile=" + build.dockerfile().getParent(),
                "--opt",
                "filename=" + build.dockerfile().getFileName(),
                "--opt",
                "platform=" + build.platform()));
        build.target().ifPresent(target -> argv.addAll(List.of("--opt", "target=" + target)));
        build.buildArgs().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(arg -> argv.addAll(List.of("--opt", "build-arg:" + arg.getKey() + "=" + arg.getValue())));
        build.secrets().forEach(secret -> argv.addAll(List.of("--secret", secret.argument())));
        argv.addAll(List.of("--output", "type=oci,dest=" + archive));
        return argv;
    }
}
