package dev.kraft.rootfs;

import java.nio.file.Path;

/** A tool that builds a Dockerfile into an OCI image layout: buildah by default, BuildKit when configured. */
interface DockerfileBuilder {
    /** The tool's name in messages. */
    String name();

    /** Builds and writes the image as an OCI image layout into {@code layout}, an empty directory. */
    void build(DockerfileBuild build, Path layout);
}
