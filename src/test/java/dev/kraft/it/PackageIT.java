package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.FileServer;
import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages from an index served on loopback: the test core and its library as tarballs with
 * sha256s, a build that boots, a second build that asks the server nothing, pulls killed at
 * random moments that leave nothing half-made, and concurrent pulls that download once.
 */
class PackageIT {
    private static final String KRAFTFILE = """
            spec: v0.6
            name: hello
            unikraft:
              version: "0.1.0"
              kconfig:
                CONFIG_HELLO_GREETING: "hi from the index"
            libraries:
              greet: stable
            targets:
              - qemu/x86_64
            """;

    @TempDir
    Path tmp;

    private FileServer server;
    private KraftCli kraft;
    private byte[] big;

    @BeforeEach
    void serveTheIndex() throws IOException {
        byte[] core = Tarballs.of(Projects.HELLO_LOCAL.resolve("core"), "unikraft-0.1.0");
        byte[] greet = Tarballs.of(Projects.HELLO_LOCAL.resolve("libs/greet"), "lib-greet-stable");
        byte[] noise = new byte[3 << 20];
        new Random(7).nextBytes(noise);
        big = Tarballs.gzip()
                .directory("big-1.0/")
                .file("big-1.0/blob.bin", noise, 0644)
                .bytes();
        server = new FileServer()
                .serve(
                        "/index.yaml",
                        text(
                                "manifests:\n- {name: unikraft, type: core, manifest: ./unikraft.yaml}\n"
                                        + "- {name: greet, type: lib, manifest: ./libs/greet.yaml}\n- {name: big, type: lib, manifest: ./libs/big.yaml}\n"))
                .serve(
                        "/unikraft.yaml",
                        text("name: unikraft\ntype: core\nprovider: tarball\nversions:\n- version: 0.1.0\n"
                                + "  resource: ./tarballs/unikraft-0.1.0.tar.gz\n  sha256: " + Tarballs.sha256(core)
                                + "\n"))
                .serve(
                        "/libs/greet.yaml",
                        text("name: greet\ntype: lib\nprovider: tarball\nchannels:\n- name: stable\n  default: true\n"
                                + "  resource: ../tarballs/lib-greet-stable.tar.gz\n  sha256: " + Tarballs.sha256(greet)
                                + "\n"))
                .serve(
                        "/libs/big.yaml",
                        text("name: big\ntype: lib\nversions:\n- version: 1.0\n  resource: ../tarballs/big-1.0.tar.gz\n"
                                + "  sha256: " + Tarballs.sha256(big) + "\n"))
                .serve("/tarballs/unikraft-0.1.0.tar.gz", core)
                .serve("/tarballs/lib-greet-stable.tar.gz", greet)
                .serveSlowly("/tarballs/big-1.0.tar.gz", big, 64 * 1024, 25);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".config/kraftkit"));
        Files.writeString(
                home.resolve(".config/kraftkit/config.yaml"),
                "unikraft:\n  manifests:\n  - " + server.url("/index.yaml") + "\n");
        kraft = new KraftCli(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] text(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    private Path project(String name) throws IOException {
        Path project = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve(name)));
        Files.writeString(project.resolve("Kraftfile"), KRAFTFILE);
        Projects.delete(project.resolve("core"));
        Projects.delete(project.resolve("libs"));
        return project;
    }

    private Path archives() {
        return kraft.home().resolve(".local/share/kraftkit/sources/archives");
    }

    @Test
    void buildsFromTheIndexBootsAndASecondProjectAsksNothing() throws Exception {
        Path first = project("first");
        KraftCli.Result build = kraft.run(first, "build");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(build.err().contains("resolved unikraft 0.1.0 to sha256:"), build::toString);
        assertTrue(
                Files.isRegularFile(first.resolve(".unikraft/unikraft/Makefile")),
                "the core is placed where KraftKit puts it");
        assertTrue(Files.isRegularFile(first.resolve(".unikraft/libs/greet/greet.c")));
        KraftCli.Result boot = Qemu.boot(first.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertEquals(83, boot.exit(), boot::toString);
        assertTrue(boot.out().contains("Hello from hello"), boot::toString);
        assertTrue(boot.out().contains("greeting: hi from the index"), boot::toString);
        assertTrue(boot.out().contains("lib: libgreet"), boot::toString);

        int requests = server.requests();
        KraftCli.Result second = kraft.run(project("second"), "build");
        assertEquals(0, second.exit(), second::toString);
        assertEquals(requests, server.requests(), "everything cached and the index fresh: no request at all");
        KraftCli.Result offline = kraft.run(project("third"), "build", "--offline");
        assertEquals(0, offline.exit(), offline::toString);
        assertEquals(requests, server.requests());
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhatIsMissing() throws Exception {
        assertEquals(0, kraft.run(tmp, "pkg", "update").exit());
        KraftCli.Result build = kraft.run(project("p"), "build", "--offline");
        assertEquals(6, build.exit(), build::toString);
        assertTrue(
                build.err()
                        .strip()
                        .endsWith(
                                "error: offline (--offline or KRAFTKIT_OFFLINE): core/unikraft 0.1.0 is not in the cache (sha256 "
                                        + Tarballs.sha256(
                                                Tarballs.of(Projects.HELLO_LOCAL.resolve("core"), "unikraft-0.1.0"))
                                        + "); it comes from "
                                        + server.url("/tarballs/unikraft-0.1.0.tar.gz")),
                build::toString);
    }

    /** The index's server is gone: one line that says so, and how to work from the cache instead. */
    @Test
    void anIndexThatCannotBeReachedSaysSoAndNamesOfflineAndTheCache() throws Exception {
        String url = server.url("/index.yaml");
        server.close();
        KraftCli.Result update = kraft.run(tmp, "pkg", "update");
        assertEquals(8, update.exit(), update::toString);
        assertTrue(
                update.err()
                        .strip()
                        .endsWith("error: cannot reach " + url.substring("http://".length(), url.indexOf("/index"))
                                + " (connection refused: nothing listens there, or a firewall says no) to fetch " + url
                                + "; to work with what is cached (under "
                                + kraft.home().resolve(".local/share/kraftkit")
                                + "), use --offline (or KRAFTKIT_OFFLINE=1)"),
                update::toString);
    }

    /** No network at all (a network namespace with loopback only): the host's name cannot resolve, and the error says so. */
    @Test
    void withoutANetworkTheErrorSaysThereIsNone() throws Exception {
        String namespace = "kraft-nonet-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        ip("netns", "add", namespace);
        try {
            Files.writeString(
                    kraft.home().resolve(".config/kraftkit/config.yaml"),
                    "unikraft:\n  manifests:\n  - https://index.kraft-test.invalid/index.yaml\n");
            KraftCli.Result update = kraft.inNetworkNamespace(namespace).run(tmp, "pkg", "update");
            assertEquals(8, update.exit(), update::toString);
            assertTrue(
                    update.err()
                            .strip()
                            .endsWith(
                                    "error: cannot reach index.kraft-test.invalid (its name does not resolve: no network, or no DNS)"
                                            + " to fetch https://index.kraft-test.invalid/index.yaml; to work with what is cached (under "
                                            + kraft.home().resolve(".local/share/kraftkit")
                                            + "), use --offline (or KRAFTKIT_OFFLINE=1)"),
                    update::toString);
        } finally {
            ip("netns", "del", namespace);
        }
    }

    private void ip(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        KraftCli.Result result = KraftCli.Result.of(argv, tmp, Map.of("PATH", System.getenv("PATH")), tmp, 30);
        assertEquals(0, result.exit(), result::toString);
    }

    @Test
    void pullsKilledAtRandomMomentsLeaveNothingHalfMade() throws Exception {
        assertEquals(0, kraft.run(tmp, "pkg", "update").exit());
        Random random = new Random();
        String sha = Tarballs.sha256(big);
        int killedMidway = 0;
        for (int round = 0; round < 12; round++) {
            Process pull = kraft.start(tmp, "pkg", "pull", "lib/big:1.0");
            long delay = 300 + round * 220 + random.nextInt(200);
            if (pull.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertEquals(0, pull.exitValue(), "a pull that was not killed succeeds");
            } else {
                pull.destroyForcibly().waitFor();
                killedMidway += list(archives().resolve("tmp")).isEmpty() ? 0 : 1;
            }
            List<String> entries = list(archives().resolve("sha256"));
            assertTrue(entries.isEmpty() || entries.equals(List.of(sha)), "round " + round + ": " + entries);
            if (!entries.isEmpty()) {
                Path entry = archives().resolve("sha256").resolve(sha);
                assertEquals(3 << 20, Files.size(entry.resolve("tree/blob.bin")), "a visible entry is complete");
                assertTrue(Files.isRegularFile(entry.resolve("entry.properties")));
                assertEquals(0, kraft.run(tmp, "pkg", "remove", "lib/big").exit());
            }
            KraftCli.Result ls = kraft.run(tmp, "pkg", "ls", "-o", "json");
            assertFalse(ls.out().contains("\"pulled\" : [ \"1.0\" ]"), ls::toString);
        }
        assertTrue(killedMidway > 0, "some kills landed while a download or unpack was under way");
        KraftCli.Result pull = kraft.run(tmp, "pkg", "pull", "lib/big:1.0");
        assertEquals(0, pull.exit(), pull::toString);
        assertEquals(
                3 << 20, Files.size(archives().resolve("sha256").resolve(sha).resolve("tree/blob.bin")));
        assertEquals(List.of(), list(archives().resolve("tmp")), "the leftovers of killed pulls are swept");
    }

    @Test
    void eightConcurrentPullsDownloadOnce() throws Exception {
        assertEquals(0, kraft.run(tmp, "pkg", "update").exit());
        List<Process> pulls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pulls.add(kraft.start(tmp, "pkg", "pull", "lib/big:1.0"));
        }
        for (Process pull : pulls) {
            assertTrue(pull.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, pull.exitValue());
        }
        assertEquals(1, server.requests("/tarballs/big-1.0.tar.gz"));
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
