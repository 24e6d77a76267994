package dev.kraft.rootfs;

import dev.kraft.pkg.oci.ContainerImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Dockerfile to build, in the terms buildah and BuildKit share. The context is the
 * project's directory, as KraftKit's (its BuildKit session sends the workdir as the context).
 *
 * @param buildArgs {@code --build-arg}s resolved to values
 * @param log       where the builder's output goes
 */
record DockerfileBuild(
        Path dockerfile,
        Path context,
        ContainerImages.Platform platform,
        Map<String, String> buildArgs,
        Optional<String> target,
        List<BuildSecret> secrets,
        Path log) {
    DockerfileBuild {
        buildArgs = Map.copyOf(buildArgs);
        secrets = List.copyOf(secrets);
    }
}
