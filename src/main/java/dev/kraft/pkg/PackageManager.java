package dev.kraft.pkg;

import java.nio.file.Path;

/** Turns component requests into exact identities, and identities into verified local trees. */
public interface PackageManager {

    /** Pins the request to one commit or digest; may ask the network. */
    ResolvedPackage resolve(PackageRequest request);

    /**
     * Copies the package's tree into {@code target} (absent or empty), fetching it first if it
     * is not cached, and checking every file against what the cache sealed: a cached tree that
     * changed since is fetched again. Projects get copies, never links into the cache.
     */
    void copy(ResolvedPackage resolved, Path target);
}
