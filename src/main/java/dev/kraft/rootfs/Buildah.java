package dev.kraft.rootfs;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.HostPackages;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds Dockerfiles with buildah, daemonless, in kraft's own image storage so base images are
 * kept between builds and nothing lands in the user's. The settings that work as root on a
 * host without a container daemon or cgroup v2: {@code chroot} isolation (an OCI runtime
 * refuses cgroup hybrid mode) and the {@code vfs} storage driver (no overlay mounts, which fail
 * inside containers); {@code BUILDAH_ISOLATION} and {@code STORAGE_DRIVER} override them.
 * Registries on loopback and {@code oci.insecure_registries} are reached over plain HTTP, as by
 * kraft's own client; short names ({@code FROM alpine}) mean Docker Hub, as in BuildKit.
 */
final class Buildah implements DockerfileBuilder {
    private final ToolRun tools;
    private final Map<String, String> environment;
    private final Path storage;
    private final Set<String> insecureRegistries;
    private final Optional<Path> authFile;

    /**
     * @param storage            kraft's buildah storage ({@code <data>/buildah})
     * @param insecureRegistries {@code oci.insecure_registries}, reached over plain HTTP besides loopback
     * @param authFile           kraft's registry logins, when {@code kraft login} wrote some
     */
    Buildah(
            ToolRun tools,
            Map<String, String> environment,
            Path storage,
            Set<String> insecureRegistries,
            Optional<Path> authFile) {
        this.tools = tools;
        this.environment = environment;
        this.storage = storage;
        this.insecureRegistries = new TreeSet<>(insecureRegistries);
        this.authFile = authFile;
    }

    @Override
    public String name() {
        return "buildah";
    }

    @Override
    public void build(DockerfileBuild build, Path layout) {
        tools.require("buildah", HostPackages.advice("buildah", environment));
        Path iidFile = layout.resolveSibling(layout.getFileName() + ".iid");
        Map<String, String> overrides = overrides();
        tools.run(bud(build, iidFile), overrides, build);
        String imageId = read(iidFile);
        try {
            List<String> push = new ArrayList<>(global());
            push.addAll(List.of("push", "--quiet", imageId, "oci:" + layout));
            tools.run(push, overrides, build);
        } finally {
            List<String> remove = new ArrayList<>(global());
            remove.addAll(List.of("rmi", "--force", imageId));
            tools.run(remove, overrides, build);
        }
    }

    /** {@code buildah … bud}: the Dockerfile for the platform, with KraftKit's build switches. */
    List<String> bud(DockerfileBuild build, Path iidFile) {
        List<String> argv = new ArrayList<>(global());
        argv.addAll(List.of(
                "bud",
                "--iidfile",
                iidFile.toString(),
                "--platform",
                build.platform().toString(),
                "-f",
                build.dockerfile().toString()));
        build.target().ifPresent(target -> argv.addAll(List.of("--target", target)));
        build.buildArgs().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(arg -> argv.addAll(List.of("--build-arg", arg.getKey() + "=" + arg.getValue())));
        build.secrets().forEach(secret -> argv.addAll(List.of("--secret", secret.argument())));
        authFile.ifPresent(file -> argv.addAll(List.of("--authfile", file.toString())));
        argv.add(build.context().toString());
        return argv;
    }

    /** The options every buildah call takes: kraft's storage, and vfs unless the user chose a driver. */
    List<String> global() {
        List<String> argv = new ArrayList<>(List.of(
                "buildah",
                "--root",
                storage.resolve("storage").toString(),
                "--runroot",
                storage.resolve("run").toString()));
        if (!environment.containsKey("STORAGE_DRIVER")) {
            argv.addAll(List.of("--storage-driver", "vfs"));
        }
        return argv;
    }

    /** chroot isolation and kraft's registries.conf, each unless the user set their own. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        if (!environment.containsKey("BUILDAH_ISOLATION")) {
            overrides.put("BUILDAH_ISOLATION", "chroot");
        }
        if (!environment.containsKey("CONTAINERS_REGISTRIES_CONF")) {
            Path conf = storage.resolve("registries.conf");
            try {
                Files.createDirectories(storage);
                AtomicFiles.writeString(conf, registriesConf());
            } catch (IOException e) {
                throw new KraftException(ExitCode.FAILURE, "cannot write " + conf + ": " + e.getMessage(), e);
            }
            overrides.put("CONTAINERS_REGISTRIES_CONF", conf.toString());
        }
        return overrides;
    }

    /** Short names from Docker Hub; loopback and the configured insecure registries over HTTP (a host without port matches any port). */
    String registriesConf() {
        StringBuilder conf = new StringBuilder("# Written by kraft for its Dockerfile builds.\n"
                + "unqualified-search-registries = [\"docker.io\"]\nshort-name-mode = \"permissive\"\n");
        Set<String> insecure = new TreeSet<>(List.of("127.0.0.1", "localhost", "[::1]"));
        insecure.addAll(insecureRegistries);
        for (String host : insecure) {
            conf.append("\n[[registry]]\nlocation = \"")
                    .append(host.replace("\"", ""))
                    .append("\"\ninsecure = true\n");
        }
        return conf.toString();
    }

    private static String read(Path iidFile) {
        try {
            String id = Files.readString(iidFile).strip();
            Files.deleteIfExists(iidFile);
            return id;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.BUILD_FAILED, "buildah wrote no image id to " + iidFile + ": " + e.getMessage(), e);
        }
    }
}
