package dev.kraft.cli;

import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.UpstreamArchives;
import dev.kraft.config.KraftDirs;
import dev.kraft.config.RegistryLogins;
import dev.kraft.config.UserConfig;
import dev.kraft.log.Console;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.pkg.oci.OciStore;
import dev.kraft.pkg.oci.RegistryAuth;
import dev.kraft.pkg.oci.RegistryClient;
import dev.kraft.rootfs.RootfsBuilder;
import dev.kraft.support.Env;
import dev.kraft.support.HomeOwnership;

/**
 * What {@code kraft pkg}, its subcommands and {@code kraft login} use: the package manager, the
 * image store and registries, the root filesystem builder, and where their settings live. {@link Services} provides them; a
 * test can provide its own.
 */
interface PackageServices {
    Env env();

    Console console();

    UserConfig config();

    KraftDirs dirs();

    /** Whether to stay off the network: the flag, or config.yaml's offline. */
    boolean offline(boolean flag);

    /** @param refresh ask every remote and index source again, whatever their age */
    CompositePackageManager packages(boolean offline, boolean refresh);

    Images images();

    /** An image reference as written: a short name ({@code nginx:1.25}) is in config.yaml's {@code oci.default_registry}, as in KraftKit. */
    default ImageRef imageRef(String text) {
        return ImageRef.parse(text, config().oci().defaultRegistry());
    }

    /** The cache of libraries' upstream archives, which Unikraft's make fetch would download. */
    UpstreamArchives upstreamArchives();

    /** Places a project's components as {@code fetching} says ({@code kraft pkg pull DIR}). */
    ComponentPlacer placer(Fetching fetching);

    OciStore imageStore();

    RegistryClient registry();

    /** The registry logins kraft finds (its own, Docker's and Podman's files, their credential helpers). */
    RegistryLogins logins();

    /** A registry client with these logins only. */
    RegistryClient registry(RegistryAuth.Credentials credentials);

    /** Runtime projects' runtimes; {@code offline} (or config.yaml's) never pulls. */
    Runtimes runtimes(boolean offline);

    /** Builds the initrd {@code kraft pkg --rootfs} (or the Kraftfile's {@code rootfs}) names. */
    RootfsBuilder rootfs();

    HomeOwnership ownership();

    boolean mayPrompt();
}
