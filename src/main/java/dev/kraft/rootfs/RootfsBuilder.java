package dev.kraft.rootfs;

import dev.kraft.log.Console;
import dev.kraft.pkg.oci.ContainerImage;
import dev.kraft.pkg.oci.ContainerImages;
import dev.kraft.pkg.oci.RegistryClient;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Cpio;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.Processes;
import dev.kraft.unikraft.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one root filesystem builder of kraft, for {@code kraft build}, {@code run} and
 * {@code pkg} alike: a directory, a CPIO file, a Dockerfile or a container image reference in,
 * a newc CPIO out (same input, same bytes), plus what the image says about its program.
 * KraftKit's {@code initrd} package, with buildah as the default Dockerfile builder.
 */
public final class RootfsBuilder {
    private final Console console;
    private final Map<String, String> environment;
    private final Supplier<RegistryClient> registry;
    private final DockerfileBuilder dockerfiles;

    /**
     * Where the builder keeps its state and whom it asks.
     *
     * @param buildahStorage     kraft's own buildah image storage
     * @param buildkitHost       {@code buildkit_host}: when set, Dockerfiles go to that BuildKit through buildctl
     * @param insecureRegistries {@code oci.insecure_registries}
     * @param authFile           kraft's {@code auth.json}, when there is one
     */
    public record Settings(
            Path buildahStorage,
            Optional<String> buildkitHost,
            Set<String> insecureRegistries,
            Optional<Path> authFile) {}

    /**
     * What to build and where.
     *
     * @param source  the {@code rootfs:} value or {@code --rootfs} flag, as written
     * @param workdir the project's directory: relative paths start there, and it is a Dockerfile's context
     * @param arch    the unikernel's architecture, which picks the image's platform
     * @param output  where the CPIO goes, normally {@link InitrdEmbedding#defaultCpio}
     */
    public record Request(String source, Path workdir, Arch arch, Path output, DockerfileOptions dockerfile) {}

    public RootfsBuilder(
            Console console,
            Processes processes,
            Map<String, String> environment,
            Settings settings,
            Supplier<RegistryClient> registry) {
        this.console = console;
        this.environment = environment;
        this.registry = registry;
        ToolRun tools = new ToolRun(processes, console, environment);
        this.dockerfiles = settings.buildkitHost()
                .filter(h -> !h.isBlank())
                .<DockerfileBuilder>map(host -> new BuildKit(tools, host))
                .orElseGet(() -> new Buildah(
                        tools,
                        environment,
                        settings.buildahStorage(),
                        settings.insecureRegistries(),
                        settings.authFile()));
    }

    public Rootfs build(Request request) {
        RootfsSource source = RootfsSource.detect(request.source(), request.workdir());
        Path output = request.output();
        try {
            Files.createDirectories(output.getParent());
            if (source instanceof RootfsSource.CpioFile file) {
                if (!file.path().equals(output.toAbsolutePath().normalize())) {
                    AtomicFiles.stream(output, out -> Files.copy(file.path(), out));
                }
                return Rootfs.plain(output, "CPIO file");
            }
            if (source instanceof RootfsSource.Directory dir) {
                console.info("building rootfs via directory", "rootfs", request.source());
                Cpio.packDirectory(dir.path(), output)
                        .forEach(name ->
                                console.warn("rootfs: left out " + name + ": not a file, directory or symbolic link"));
                return Rootfs.plain(output, "directory");
            }
            Path scratch = MoreFiles.createStagingDirectory(output.getParent(), ".rootfs-");
            try {
                ContainerImages.Platform platform = ContainerImages.Platform.linux(request.arch());
                if (source instanceof RootfsSource.Dockerfile file) {
                    DockerfileBuild build = dockerfileBuild(request, file.path(), platform);
                    console.info("building rootfs via " + dockerfiles.name(), "dockerfile", request.source());
                    Path layout = Files.createDirectory(scratch.resolve("layout"));
                    dockerfiles.build(build, layout);
                    return flatten(
                            ContainerImages.fromLayout(layout, platform, request.source()),
                            output,
                            "Dockerfile",
                            request.source());
                }
                RootfsSource.Image image = (RootfsSource.Image) source;
                console.info("pulling " + image.ref() + " for " + platform);
                return flatten(
                        ContainerImages.pull(registry.get(), image.ref(), platform, scratch),
                        output,
                        "OCI image",
                        request.source());
            } finally {
                MoreFiles.deleteTree(scratch);
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "rootfs " + request.source() + ": cannot write " + output + ": " + e.getMessage(),
                    e);
        }
    }

    /** Applies the layers in order onto one tree, packs it, and keeps what the config says. */
    private Rootfs flatten(ContainerImage image, Path output, String builtBy, String what) throws IOException {
        try {
            LayerFlattener.flatten(image.layers(), output)
                    .forEach(name ->
                            console.warn("rootfs: left out " + name + ": not a file, directory or symbolic link"));
        } catch (KraftException e) {
            throw new KraftException(e.exitCode(), "rootfs " + what + ": " + e.getMessage(), e);
        }
        ContainerImage.Config config = image.config();
        return new Rootfs(output, builtBy, config.env(), config.entrypoint(), config.cmd(), config.workingDir());
    }

    private DockerfileBuild dockerfileBuild(Request request, Path dockerfile, ContainerImages.Platform platform)
            throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : request.dockerfile().buildArgs()) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Optional<String> value =
                    equals < 0 ? Optional.ofNullable(environment.get(name)) : Optional.of(arg.substring(equals + 1));
            value.ifPresentOrElse(
                    v -> args.put(name, v),
                    () -> console.warn("--build-arg " + name + ": not set in your environment; left out"));
        }
        List<BuildSecret> secrets = request.dockerfile().secrets().stream()
                .map(s -> BuildSecret.parse(s, request.workdir()))
                .toList();
        Path log = request.output().resolveSibling(request.output().getFileName() + ".log");
        Files.deleteIfExists(log);
        return new DockerfileBuild(
                dockerfile,
                request.workdir(),
                platform,
                args,
                request.dockerfile().target(),
                secrets,
                log);
    }
}
