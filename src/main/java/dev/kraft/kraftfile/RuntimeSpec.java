package dev.kraft.kraftfile;

/**
 * The Kraftfile's {@code runtime:}: a prebuilt kernel, an OCI image in KraftKit's layout, named
 * as written ({@code base:latest}, {@code unikraft.org/nginx:1.25}, or {@code source:version}
 * from the map form). Where it was written, so a reference that does not parse is reported there.
 */
public record RuntimeSpec(String reference, Location at) {}
