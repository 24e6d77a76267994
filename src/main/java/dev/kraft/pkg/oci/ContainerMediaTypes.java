package dev.kraft.pkg.oci;

import java.util.List;

/** The media types of container images kraft reads besides its own: Docker's schema 2 and OCI's compressed layers. */
final class ContainerMediaTypes {
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final List<String> INDEXES = List.of(Descriptor.INDEX, DOCKER_LIST);
    static final List<String> MANIFESTS = List.of(Descriptor.MANIFEST, DOCKER_MANIFEST);
    /** Layers {@code SafeUnpacker} reads: plain or gzip tar (it tells them apart by their bytes). */
    static final List<String> LAYERS = List.of(
            Descriptor.LAYER,
            Descriptor.LAYER + "+gzip",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.diff.tar");

    private ContainerMediaTypes() {}
}
