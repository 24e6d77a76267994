package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry on 127.0.0.1 with the container images the root filesystem tests boot, built
 * here with buildah and skopeo, never pulled from the internet: {@code base:1} (busybox,
 * {@code /etc/base.txt} and {@code /etc/gone.txt}, ENV BASE=1) and {@code two:1} (base, then a
 * second layer that deletes {@code gone.txt}, ENV LAYER=2); plus images written by hand that no
 * builder would make. A test class registers it ({@code @RegisterExtension static}); the
 * registry runs from before its first test to after its last.
 */
final class TestImages implements BeforeAllCallback, AfterAllCallback {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    private Path dir;
    private Process registry;
    private String host;

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return host;
    }

    /** Installs what is missing, starts the registry with its data in a directory of its own, and pushes base:1 and two:1 to it. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        SystemPackages.installIfMissing(Map.of(
                "docker-registry",
                "docker-registry",
                "skopeo",
                "skopeo",
                "buildah",
                "buildah",
                "busybox",
                "busybox-static"));
        dir = Files.createTempDirectory("kraft-test-images-");
        int port = Ports.free();
        registry = Registry.start(dir, port, "");
        host = "127.0.0.1:" + port;
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.copy(BUSYBOX, base.resolve("busybox"));
        Files.writeString(base.resolve("base.txt"), "from the base image\n");
        Files.writeString(base.resolve("gone.txt"), "deleted by the second layer\n");
        Files.writeString(base.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY base.txt /etc/base.txt
                COPY gone.txt /etc/gone.txt
                ENV BASE=1
                ENTRYPOINT ["/bin/busybox"]
                CMD ["sh"]
                """);
        buildah("bud", "-t", "base", "-f", base.resolve("Dockerfile").toString(), base.toString());
        buildah("push", "--tls-verify=false", "base", "docker://" + host + "/base:1");
        Path two = Files.createDirectories(dir.resolve("two"));
        Files.writeString(two.resolve("Dockerfile"), """
                FROM %s/base:1
                RUN ["/bin/busybox", "rm", "/etc/gone.txt"]
                ENV LAYER=2
                CMD ["echo", "two layers"]
                """.formatted(host));
        buildah("bud", "-t", "two", "-f", two.resolve("Dockerfile").toString(), two.toString());
        buildah("push", "--tls-verify=false", "two", "docker://" + host + "/two:1");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (registry != null) {
            Registry.stop(registry);
        }
        if (dir != null) {
            Projects.delete(dir);
        }
    }

    /**
     * A Dockerfile {@code FROM scratch} in the project that copies busybox and a file and runs
     * busybox ({@code ARG NOTE}, default "default", reaches {@code /data/run.txt}); its ENV
     * GREETING="hi there", its CMD {@code /bin/hello world}.
     */
    static void scratchDockerfile(Path project) throws IOException {
        Files.copy(BUSYBOX, project.resolve("busybox"));
        Files.writeString(project.resolve("hello.txt"), "hello from COPY\n");
        Files.writeString(project.resolve("Dockerfile"), """
                FROM scratch
                ARG NOTE=default
                COPY busybox /bin/busybox
                COPY hello.txt /etc/hello.txt
                RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir /data && echo made by $NOTE > /data/run.txt"]
                ENV GREETING="hi there"
                CMD ["/bin/hello", "world"]
                """);
    }

    /** What {@link #scratchDockerfile} gives, listed by the test core: buildah's RUN leaves its mount points and the files it bind-mounts, empty. */
    static final List<String> SCRATCH_ENTRIES = List.of(
            "initrd dir: /bin",
            "initrd file: /bin/busybox: (binary)",
            "initrd dir: /data",
            "initrd file: /data/run.txt: made by default",
            "initrd dir: /dev",
            "initrd dir: /etc",
            "initrd file: /etc/hello.txt: hello from COPY",
            "initrd file: /etc/hostname: (empty)",
            "initrd file: /etc/hosts: (empty)",
            "initrd file: /etc/resolv.conf: (empty)",
            "initrd dir: /proc",
            "initrd dir: /run",
            "initrd dir: /sys");

    /** The entries of two:1 as the test core lists them: base.txt and busybox, not gone.txt, and what buildah's RUN leaves. */
    static final List<String> TWO_LAYERS = List.of(
            "initrd dir: /bin",
            "initrd file: /bin/busybox: (binary)",
            "initrd dir: /dev",
            "initrd dir: /etc",
            "initrd file: /etc/base.txt: from the base image",
            "initrd file: /etc/hostname: (empty)",
            "initrd file: /etc/hosts: (empty)",
            "initrd file: /etc/resolv.conf: (empty)",
            "initrd dir: /proc",
            "initrd dir: /run",
            "initrd dir: /sys");

    /** The test core's lines for its initrd's entries. */
    static List<String> entries(String console) {
        return console.lines().filter(line -> line.startsWith("initrd ")).toList();
    }

    /** The test core's lines for its application's arguments and environment. */
    static List<String> argsAndEnv(String console) {
        return console.lines()
                .filter(line -> line.startsWith("arg: ") || line.startsWith("env: "))
                .collect(Collectors.toList());
    }

    /**
     * Writes an OCI image layout by hand, an index with one manifest for {@code os/arch} of one
     * plain tar layer, and copies it to the registry as {@code NAME:1} with skopeo.
     *
     * @param annotations the manifest's (and its descriptor's), e.g. KraftKit's sh.kraftkit.version
     */
    void pushLayout(Path work, String name, String os, String arch, Map<String, String> annotations, byte[] layer)
            throws Exception {
        Path layout = Files.createDirectories(work.resolve("layout-" + name));
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        String layerDigest = blob(blobs, layer);
        String annotationJson = annotations.isEmpty()
                ? ""
                : annotations.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(",", ",\"annotations\":{", "}"));
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os
                        + "\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest =
                ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + blob(blobs, config)
                                + "\",\"size\":" + config.length
                                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
                                + layerDigest + "\",\"size\":"
                                + layer.length + "}]" + annotationJson + "}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] index =
                ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
                                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + blob(blobs, manifest)
                                + "\",\"size\":" + manifest.length
                                + annotationJson + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"" + os
                                + "\"}}]}")
                        .getBytes(StandardCharsets.UTF_8);
        String indexDigest = blob(blobs, index);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(
                layout.resolve("index.json"),
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                        + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + indexDigest + "\",\"size\":"
                        + index.length
                        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1\"}}]}");
        run(new ProcessBuilder(
                        "skopeo",
                        "copy",
                        "--all",
                        "--dest-tls-verify=false",
                        "oci:" + layout + ":1",
                        "docker://" + host + "/" + name + ":1")
                .redirectErrorStream(true));
    }

    private static String blob(Path blobs, byte[] content) throws IOException {
        String hex = Tarballs.sha256(content);
        Files.write(blobs.resolve(hex), content);
        return "sha256:" + hex;
    }

    /** buildah with a storage of the test's own, as root without a daemon (chroot isolation, vfs). */
    private void buildah(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                "buildah",
                "--root",
                dir.resolve("buildah/storage").toString(),
                "--runroot",
                dir.resolve("buildah/run").toString(),
                "--storage-driver",
                "vfs"));
        argv.addAll(List.of(args));
        Path conf = dir.resolve("registries.conf");
        Files.writeString(conf, "[[registry]]\nlocation = \"127.0.0.1\"\ninsecure = true\n");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("BUILDAH_ISOLATION", "chroot");
        builder.environment().put("CONTAINERS_REGISTRIES_CONF", conf.toString());
        run(builder);
    }

    private static void run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), builder.command() + "\n" + output);
    }
}
