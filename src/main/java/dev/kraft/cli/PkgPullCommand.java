package dev.kraft.cli;

import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.Project;
import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.pkg.oci.Puller;
import dev.kraft.pkg.oci.StoredImage;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.ComponentType;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft pkg pull}: resolves packages to an exact archive or commit and fetches them into
 * the cache; image references ({@code registry/name:tag}) go to the local image store, verified.
 */
@Command(
        name = "pull",
        aliases = "pl",
        mixinStandardHelpOptions = true,
        description = "Fetch packages into the source cache (and copy them out with -o), or a project's components.",
        footer = {
            "",
            "Examples:",
            "  kraft pkg pull lib/musl:stable",
            "  kraft pkg pull unikraft:0.17.0 -o ./unikraft",
            "  kraft pkg pull -w ./my-project   place a project's components, as a build would",
            "  kraft pkg pull --offline lib/lwip    succeeds only from the cache",
            "  kraft pkg pull localhost:5000/hello:1   an image, into the local image store"
        })
final class PkgPullCommand implements Callable<Integer> {
    private final PackageServices services;
    private final Projects projects;

    @Parameters(
            arity = "0..*",
            paramLabel = "PKG|DIR",
            description =
                    "[TYPE/]NAME[:VERSION] (VERSION is a channel or a version), an image REGISTRY/NAME:TAG, or a project directory.")
    List<String> packages = new ArrayList<>();

    @Mixin
    WorkdirOption workdir = new WorkdirOption();

    @Mixin
    KraftfileOption kraftfile = new KraftfileOption();

    @Option(
            names = {"-A", "--all"},
            description = "Every channel and version of each package, not one.")
    boolean allVersions;

    @Option(
            names = {"-f", "--as"},
            paramLabel = "FORMAT",
            defaultValue = "auto",
            completionCandidates = Choices.PackageFormats.class,
            description = "What the names are: auto (default), oci (images) or manifest (packages of the index).")
    String format;

    @Option(
            names = {"-p", "--plat"},
            paramLabel = "PLAT",
            converter = PlatformOptions.PlatConverter.class,
            completionCandidates = Choices.Plats.class,
            description = "An image must have a kernel for this platform (it is pulled whole).")
    Plat plat;

    @Option(
            names = {"-m", "--arch"},
            paramLabel = "ARCH",
            converter = PlatformOptions.ArchConverter.class,
            completionCandidates = Choices.Archs.class,
            description = "An image must have a kernel for this architecture (it is pulled whole).")
    Arch arch;

    @Mixin
    GitOptions git = new GitOptions();

    @Option(
            names = {"-k", "--kconfig"},
            paramLabel = "CONFIG_X",
            description = CompatFlags.IGNORED
                    + "an image is pulled with every kernel it has; kraft run picks one by --plat and --arch.")
    List<String> kconfig = new ArrayList<>();

    @Option(
            names = {"-C", "--no-checksum"},
            description = CompatFlags.IGNORED + "kraft verifies every archive and blob it has a digest for.")
    boolean noChecksum;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Also copy the package to DIR (several packages: DIR/<name>); DIR must be new or empty.")
    Path output;

    @Option(names = "--offline", description = "Use only the cache and the local index; never the network.")
    boolean offline;

    @Option(
            names = {"-u", "--update"},
            description = "Fetch the package index first.")
    boolean update;

    PkgPullCommand(PackageServices services, Projects projects) {
        this.services = services;
        this.projects = projects;
    }

    @Override
    public Integer call() {
        if (!List.of("auto", "oci", "manifest").contains(format)) {
            throw new KraftException(ExitCode.USAGE, "--as " + format + ": expected auto, oci or manifest");
        }
        Optional<String> project = workdir.or(
                packages.size() == 1 && Files.isDirectory(services.env().resolve(packages.get(0)))
                        ? Optional.of(packages.get(0))
                        : Optional.empty());
        if (project.isPresent() || kraftfile.kraftfile().isPresent() || packages.isEmpty()) {
            return pullProject(project);
        }
        CompositePackageManager manager = services.packages(offline, false).preferringGit(git.git);
        if (update) {
            manager.catalog().update();
        }
        for (String text : packages) {
            if (format.equals("oci") || format.equals("auto") && ImageRef.looksLikeImage(text)) {
                pullImage(services.imageRef(text));
                continue;
            }
            PackageQuery query = PackageQuery.parse(text);
            ComponentType type = query.type()
                    .orElseGet(() -> query.name().equals("unikraft")
                            ? ComponentType.CORE
                            : ComponentType.valueOf(
                                    manager.catalog().manifest(query).type().toUpperCase(Locale.ROOT)));
            List<Optional<String>> versions = allVersions ? releases(manager, query) : List.of(query.version());
            for (Optional<String> version : versions) {
                ResolvedPackage resolved =
                        manager.resolve(new PackageRequest(type, query.name(), Optional.empty(), version));
                CompositePackageManager.Pulled pulled = manager.pull(resolved);
                String how = pulled.refetched()
                        ? "fetched again: the cached copy had changed"
                        : !resolved.isArchive()
                                ? "git"
                                : pulled.downloaded() > 0 ? "downloaded " + pulled.downloaded() + " bytes" : "cached";
                services.console()
                        .info("pulled " + PackageQuery.typeName(type) + "/" + query.name() + " " + resolved.version()
                                + " " + resolved.shortPin() + " (" + how + ")");
                if (output != null) {
                    copyOut(
                            manager,
                            resolved,
                            packages.size() == 1 && versions.size() == 1
                                    ? output
                                    : output.resolve(
                                            query.name() + (versions.size() == 1 ? "" : "-" + resolved.version())));
                }
            }
        }
        return 0;
    }

    /** Every channel and version the index lists for the package ({@code -A}). */
    private static List<Optional<String>> releases(CompositePackageManager manager, PackageQuery query) {
        Manifest manifest = manager.catalog().manifest(query);
        List<Optional<String>> releases = new ArrayList<>();
        manifest.channels().forEach(c -> releases.add(Optional.of(c.name())));
        manifest.versions().forEach(v -> releases.add(Optional.of(v.version())));
        return releases;
    }

    /** A project's components, placed in its .unikraft as a build would place them (KraftKit's {@code pkg pull DIR}). */
    private int pullProject(Optional<String> dir) {
        if (packages.size() > 1 || packages.size() == 1 && dir.isEmpty()) {
            throw new KraftException(ExitCode.USAGE, "name packages, or one project (DIR, -w or -K), not both");
        }
        Project project = projects.load(dir, kraftfile.kraftfile());
        BuildOptions options = ProjectOptions.defaults(services.env(), project);
        services.placer(new Fetching(offline, false, git.git)).placeAll(new Workdir(project), options);
        return 0;
    }

    /** An image into the local store; offline, only an image already there is "pulled". */
    private void pullImage(ImageRef ref) {
        if (output != null) {
            throw new KraftException(
                    ExitCode.USAGE, "-o copies packages; " + ref + " is an image (kraft run " + ref + " boots it)");
        }
        Images images = services.images();
        if (services.offline(offline)) {
            services.console()
                    .info("pulled " + ref + " " + images.local(ref, true).digest() + " (in the local store)");
        } else {
            Puller.Pulled pulled = images.pull(ref);
            services.console()
                    .info("pulled " + ref + " " + pulled.index().digest() + " (downloaded " + pulled.downloaded()
                            + " bytes)");
        }
        StoredImage image = images.store().image(ref.toString(), images.local(ref, true));
        if (image.variants().stream()
                .noneMatch(v -> (plat == null || v.plat().equals(plat.id()))
                        && (arch == null || v.arch().equals(arch.id())))) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    ref + " has no kernel for " + (plat == null ? "any platform" : plat.id()) + "/"
                            + (arch == null ? "any architecture" : arch.id()) + "; it has: " + image.platforms());
        }
    }

    /** Copies beside the destination, then renames, so DIR is either absent or complete. */
    private void copyOut(CompositePackageManager manager, ResolvedPackage resolved, Path dir) {
        Path target = services.env().cwd().resolve(dir).toAbsolutePath().normalize();
        services.ownership().claimTree(target);
        try {
            if (Files.exists(target)) {
                try (Stream<Path> children = Files.list(target)) {
                    if (children.findAny().isPresent()) {
                        throw new KraftException(
                                ExitCode.STATE, target + " is not empty; pull into a new or empty directory");
                    }
                }
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Path staging = MoreFiles.createStagingDirectory(target.getParent(), "." + target.getFileName() + ".pull-");
            try {
                manager.copy(resolved, staging.resolve("tree"));
                AtomicFiles.moveAtomically(staging.resolve("tree"), target);
            } finally {
                MoreFiles.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot copy to " + target + ": " + e.getMessage(), e);
        }
    }
}
