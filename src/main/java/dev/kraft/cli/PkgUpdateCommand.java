package dev.kraft.cli;

import dev.kraft.pkg.index.Catalog;
import dev.kraft.pkg.index.Manifest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kraft pkg update}: fetches every index source and replaces the local index. */
@Command(name = "update", aliases = "upd", mixinStandardHelpOptions = true,
        description = "Fetch the package index from its sources (config.yaml unikraft.manifests).",
        footer = {"", "Example:", "  kraft pkg update"})
final class PkgUpdateCommand implements Callable<Integer> {
    private final Services services;

    PkgUpdateCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Catalog catalog = services.packages(false).catalog();
        List<Manifest> manifests = catalog.update();
        services.console().info("updated the package index: " + manifests.size() + " packages from "
                + catalog.settings().sources().size() + " source(s)", "dir", services.dirs().manifests());
        return 0;
    }
}
