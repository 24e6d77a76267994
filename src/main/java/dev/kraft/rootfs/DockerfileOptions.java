package dev.kraft.rootfs;

import java.util.List;
import java.util.Optional;

/**
 * KraftKit's switches for building a Dockerfile rootfs: {@code --build-arg NAME[=VALUE]}
 * (a bare name takes the user's value), {@code --build-target STAGE} and
 * {@code --build-secret id=ID,src=FILE} (or {@code type=env,id=ID,env=VAR}).
 */
public record DockerfileOptions(List<String> buildArgs, Optional<String> target, List<String> secrets) {
    public DockerfileOptions {
        buildArgs = List.copyOf(buildArgs);
        secrets = List.copyOf(secrets);
    }

    public static DockerfileOptions none() {
        return new DockerfileOptions(List.of(), Optional.empty(), List.of());
    }
}
