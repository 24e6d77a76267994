package dev.kraft.cli;

import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.kraftfile.Project;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.manager.Listings;
import dev.kraft.pkg.oci.Images;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Sizes;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft pkg ls}: the packages of the index, which of their releases are cached, and the
 * local OCI images; given a project (DIR or {@code -K}), its components, as KraftKit does.
 */
@Command(
        name = "ls",
        aliases = "list",
        mixinStandardHelpOptions = true,
        description =
                "List the packages of the index, what of them is cached, and the local images; or a project's components.",
        footer = {
            "",
            "Examples:",
            "  kraft pkg ls",
            "  kraft pkg ls --libs -o json",
            "  kraft pkg ls --local",
            "  kraft pkg ls .    the project's components"
        })
final class PkgListCommand implements Callable<Integer> {
    private final PackageServices services;
    private final Projects projects;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "A project: list its components instead.")
    String dir;

    @Mixin
    KraftfileOption kraftfile = new KraftfileOption();

    @Option(names = "--apps", description = "Only applications.")
    boolean apps;

    @Option(
            names = {"-L", "--libs"},
            description = "Only libraries.")
    boolean libs;

    @Option(
            names = {"-C", "--core"},
            description = "Only the core.")
    boolean core;

    @Option(
            names = {"-M", "--archs"},
            description = "Only architecture packages.")
    boolean archs;

    @Option(
            names = {"-P", "--plats"},
            description = "Only platform packages.")
    boolean plats;

    @Option(
            names = {"-U", "--update"},
            description = "Fetch the index first.")
    boolean update;

    @Option(
            names = {"-u", "--remote"},
            description = "Only the index's packages (what can be pulled), not the local images.")
    boolean remote;

    @Option(
            names = "--local",
            description = "Only what is here: packages with a release in the cache, and the local images.")
    boolean local;

    @Option(
            names = "--all",
            description =
                    "Everything (kraft lists everything unless filtered; KraftKit without --all only this host's architecture).")
    boolean all;

    @Option(
            names = "--arch",
            paramLabel = "ARCH",
            converter = PlatformOptions.ArchConverter.class,
            completionCandidates = Choices.Archs.class,
            description = "Only images with a kernel for this architecture.")
    Arch arch;

    @Option(
            names = "--plat",
            paramLabel = "PLAT",
            converter = PlatformOptions.PlatConverter.class,
            completionCandidates = Choices.Plats.class,
            description = "Only images with a kernel for this platform.")
    Plat plat;

    @Option(
            names = {"-l", "--limit"},
            paramLabel = "N",
            description = "At most N packages and N images (default: all).")
    Integer limit;

    @Option(names = "--no-limit", description = "Every package and image (the default).")
    boolean noLimit;

    @Mixin
    OutputFormat output;

    PkgListCommand(PackageServices services, Projects projects) {
        this.services = services;
        this.projects = projects;
    }

    @Override
    public Integer call() {
        String format = output.checked();
        if (limit != null && limit < 0) {
            throw new KraftException(ExitCode.USAGE, "--limit " + limit + ": expected 0 or more");
        }
        if (dir != null || kraftfile.kraftfile().isPresent()) {
            return components(projects.load(Optional.ofNullable(dir), kraftfile.kraftfile()), format);
        }
        CompositePackageManager packages = services.packages(false, false);
        if (update) {
            packages.catalog().update();
        }
        Set<String> types = new HashSet<>();
        for (String type : List.of(
                apps ? "app" : "", libs ? "lib" : "", core ? "core" : "", archs ? "arch" : "", plats ? "plat" : "")) {
            if (!type.isEmpty()) {
                types.add(type);
            }
        }
        long most = noLimit || limit == null ? Long.MAX_VALUE : limit;
        List<Manifest> manifests = packages.catalog().all().stream()
                .filter(m -> types.isEmpty() || types.contains(m.type()))
                .toList();
        List<Listings.Row> rows = Listings.rows(manifests, packages.archives().entries()).stream()
                .filter(r -> !local || !r.pulled().isEmpty())
                .limit(most)
                .toList();
        List<Images.Row> images = remote || !(types.isEmpty() || apps)
                ? List.of()
                : services.images().rows().stream()
                        .filter(i -> plat == null && arch == null
                                || i.platforms().stream()
                                        .anyMatch(p -> (plat == null || p.startsWith(plat.id() + "/"))
                                                && (arch == null || p.endsWith("/" + arch.id()))))
                        .limit(most)
                        .toList();
        PrintStream out = services.console().out();
        if (format.equals("json") || format.equals("yaml")) {
            List<Object> both = new ArrayList<>(rows);
            both.addAll(images);
            out.println(Listings.render(both, format));
            return 0;
        }
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("TYPE", "NAME", "CHANNELS", "VERSIONS", "PULLED"));
        rows.forEach(r -> table.add(List.of(
                r.type(),
                r.name(),
                String.join(",", r.channels()),
                String.join(",", r.versions()),
                String.join(",", r.pulled()))));
        print(table, format, out);
        if (!images.isEmpty()) {
            List<List<String>> imageTable = new ArrayList<>();
            imageTable.add(List.of("TYPE", "IMAGE", "TAG", "PLATFORMS", "DIGEST", "SIZE"));
            images.forEach(i -> imageTable.add(List.of(
                    i.type(),
                    i.name(),
                    i.tag(),
                    String.join(",", i.platforms()),
                    i.digest().substring(0, "sha256:".length() + 12),
                    Sizes.binary(i.size()))));
            out.println();
            print(imageTable, format, out);
        }
        return 0;
    }

    /** The project's components: where each comes from, and what is placed in .unikraft. */
    private int components(Project project, String format) {
        Workdir workdir = new Workdir(project);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("TYPE", "NAME", "VERSION", "SOURCE", "PLACED"));
        for (ComponentSpec component : project.components()) {
            table.add(List.of(
                    component.type().name().toLowerCase(Locale.ROOT),
                    component.name(),
                    component.version().orElse(""),
                    component
                            .directory()
                            .map(Object::toString)
                            .or(component::url)
                            .orElse("default source"),
                    component.directory().isPresent()
                            ? "in place"
                            : ComponentPlacer.placedIdentity(workdir, component).orElse("")));
        }
        PrintStream out = services.console().out();
        if (format.equals("json") || format.equals("yaml")) {
            out.println(Listings.render(
                    table.subList(1, table.size()).stream()
                            .map(row -> new Component(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
                            .toList(),
                    format));
        } else {
            print(table, format, out);
        }
        return 0;
    }

    /** A project's component, as json and yaml show it. */
    record Component(String type, String name, String version, String source, String placed) {}

    private static void print(List<List<String>> table, String format, PrintStream out) {
        if (format.equals("list")) {
            Table.printList(table, out);
        } else {
            Table.print(table, out);
        }
    }
}
