package dev.kraft.cli;

import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.manager.Listings;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.oci.Images;
import dev.kraft.support.Sizes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft pkg ls}: the packages of the index, which of their releases are cached, and the local OCI images. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
        description = "List the packages of the index, what of them is cached, and the local images.",
        footer = {"", "Examples:", "  kraft pkg ls", "  kraft pkg ls --libs -o json"})
final class PkgListCommand implements Callable<Integer> {
    private final PackageServices services;

    @Option(names = "--apps", description = "Only applications.")
    boolean apps;

    @Option(names = {"-L", "--libs"}, description = "Only libraries.")
    boolean libs;

    @Option(names = {"-C", "--core"}, description = "Only the core.")
    boolean core;

    @Option(names = {"-u", "--update"}, description = "Fetch the index first.")
    boolean update;

    @Mixin
    OutputFormat output;

    PkgListCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String format = output.checked();
        CompositePackageManager packages = services.packages(false, false);
        if (update) {
            packages.catalog().update();
        }
        Set<String> types = new HashSet<>();
        if (apps) {
            types.add("app");
        }
        if (libs) {
            types.add("lib");
        }
        if (core) {
            types.add("core");
        }
        List<Manifest> manifests = packages.catalog().all().stream().filter(m -> types.isEmpty() || types.contains(m.type())).toList();
        List<Listings.Row> rows = Listings.rows(manifests, packages.archives().entries());
        List<Images.Row> images = types.isEmpty() || apps ? services.images().rows() : List.of();
        if (!format.equals("table")) {
            List<Object> all = new ArrayList<>(rows);
            all.addAll(images);
            services.console().out().println(Listings.render(all, format));
            return 0;
        }
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("TYPE", "NAME", "CHANNELS", "VERSIONS", "PULLED"));
        rows.forEach(r -> table.add(List.of(r.type(), r.name(), String.join(",", r.channels()), String.join(",", r.versions()),
                String.join(",", r.pulled()))));
        Table.print(table, services.console().out());
        if (!images.isEmpty()) {
            List<List<String>> imageTable = new ArrayList<>();
            imageTable.add(List.of("TYPE", "IMAGE", "TAG", "PLATFORMS", "DIGEST", "SIZE"));
            images.forEach(i -> imageTable.add(List.of(i.type(), i.name(), i.tag(), String.join(",", i.platforms()),
                    i.digest().substring(0, "sha256:".length() + 12), Sizes.binary(i.size()))));
            services.console().out().println();
            Table.print(imageTable, services.console().out());
        }
        return 0;
    }
}
