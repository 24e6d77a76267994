package dev.kraft.cli;

import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.cache.EntryInfo;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.manager.Listings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kraft pkg info}: a package's manifest, each channel and version, and what is cached. */
@Command(
        name = "info",
        aliases = {"show", "get", "i"},
        mixinStandardHelpOptions = true,
        description = "Show a package's channels and versions, their archives and what is cached.",
        footer = {"", "Examples:", "  kraft pkg info lib/musl", "  kraft pkg info unikraft -o yaml"})
final class PkgInfoCommand implements Callable<Integer> {
    private final PackageServices services;

    @Mixin
    UnusedKraftfileOption kraftfile = new UnusedKraftfileOption();

    @Parameters(arity = "1..*", paramLabel = "PKG", description = "[TYPE/]NAME, e.g. lib/musl or unikraft.")
    List<String> packages = new ArrayList<>();

    @Mixin
    OutputFormat output;

    @Option(
            names = {"-u", "--update"},
            description = "Fetch the index first.")
    boolean update;

    PkgInfoCommand(PackageServices services) {
        this.services = services;
    }

    /** What json and yaml output hold for one package. */
    record Info(
            String type,
            String name,
            String description,
            String origin,
            String provider,
            List<Listings.Release> releases) {}

    @Override
    public Integer call() {
        String format = output.checked();
        CompositePackageManager manager = services.packages(false, false);
        if (update) {
            manager.catalog().update();
        }
        List<EntryInfo> cached = manager.archives().entries();
        List<Info> infos = new ArrayList<>();
        for (String text : packages) {
            Manifest m = manager.catalog().manifest(PackageQuery.parse(text));
            infos.add(new Info(
                    m.type(), m.name(), m.description(), m.origin(), m.provider(), Listings.releases(m, cached)));
        }
        PrintStream out = services.console().out();
        if (format.equals("json") || format.equals("yaml")) {
            out.println(Listings.render(infos.size() == 1 ? infos.get(0) : infos, format));
            return 0;
        }
        for (Info info : infos) {
            out.println(
                    info.type() + "/" + info.name() + (info.description().isEmpty() ? "" : ": " + info.description()));
            out.println("origin: " + (info.origin().isEmpty() ? "-" : info.origin()) + "  provider: "
                    + (info.provider().isEmpty() ? "-" : info.provider()));
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("NAME", "KIND", "DEFAULT", "SHA256", "PULLED", "RESOURCE"));
            info.releases()
                    .forEach(r -> rows.add(List.of(
                            r.name(),
                            r.kind(),
                            r.defaultChannel() ? "yes" : "",
                            r.sha256().isEmpty() ? "-" : r.sha256().substring(0, 12),
                            r.pulled() ? "yes" : "",
                            r.resource())));
            if (format.equals("list")) {
                Table.printList(rows, out);
            } else {
                Table.print(rows, out);
            }
        }
        return 0;
    }
}
