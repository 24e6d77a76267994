package dev.kraft.cli;

import dev.kraft.pkg.index.Catalog;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft pkg update}: fetches every index source and replaces the local index, and
 * forgets the refs remembered for git remotes, so the next build sees moved branches and tags.
 */
@Command(
        name = "update",
        aliases = "upd",
        mixinStandardHelpOptions = true,
        description =
                "Fetch the package index from its sources (config.yaml unikraft.manifests); git remotes are asked again on the next build.",
        footer = {"", "Example:", "  kraft pkg update"})
final class PkgUpdateCommand implements Callable<Integer> {
    private final PackageServices services;

    @Mixin
    UnusedKraftfileOption kraftfile = new UnusedKraftfileOption();

    @Option(
            names = {"-m", "--manager"},
            paramLabel = "MANAGER",
            defaultValue = "all",
            completionCandidates = Choices.Managers.class,
            description =
                    "Which to update: manifest (the package index), oci (nothing to update: images are pulled by name), all (default).")
    String manager;

    PkgUpdateCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (!List.of("all", "manifest", "oci").contains(manager)) {
            throw new KraftException(ExitCode.USAGE, "--manager " + manager + ": expected all, manifest or oci");
        }
        if (manager.equals("oci")) {
            services.console()
                    .info(
                            "nothing to update for images: kraft keeps no registry catalogs (kraft pkg pull REF fetches one)");
            return 0;
        }
        CompositePackageManager packages = services.packages(false, false);
        // First, so that an unreachable index source does not keep moved git refs hidden.
        int forgotten = packages.git().forgetRefs();
        if (forgotten > 0) {
            services.console().info("git remotes will be asked again on the next build", "remotes", forgotten);
        }
        Catalog catalog = packages.catalog();
        List<Manifest> manifests = catalog.update();
        services.console()
                .info(
                        "updated the package index: " + manifests.size() + " packages from "
                                + catalog.settings().sources().size() + " source(s)",
                        "dir",
                        services.dirs().manifests());
        return 0;
    }
}
