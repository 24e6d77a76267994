package dev.kraft.pkg;

import java.nio.file.Path;

/** Turns component requests into exact identities, and identities into verified local trees. */
public interface PackageManager {

    /** Pins the request to one commit or digest; may ask the network. */
    ResolvedPackage resolve(PackageRequest request);

    /** The cached tree of a resolved package, fetched first if it is not cached yet. */
    Path fetch(ResolvedPackage resolved);
}
