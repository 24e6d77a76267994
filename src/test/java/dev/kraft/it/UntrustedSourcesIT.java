package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.Cpio;
import dev.kraft.testing.FileServer;
import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects, packages and archives from strangers, against canary files outside the project
 * and the cache that must come through every command untouched.
 */
class UntrustedSourcesIT {
    @TempDir
    Path tmp;

    private FileServer server;
    private KraftCli kraft;
    private Path canary;

    @BeforeEach
    void setUp() throws IOException {
        server = new FileServer();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".config/kraftkit"));
        Files.writeString(
                home.resolve(".config/kraftkit/config.yaml"),
                "unikraft:\n  manifests:\n  - " + server.url("/index.yaml") + "\n");
        kraft = new KraftCli(home);
        canary = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(canary.resolve("canary.txt"), "still here");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** An index of one library, {@code lib/NAME:1.0}, served as this tarball with its sha256. */
    private void serveLibrary(String name, byte[] tarball) {
        server.serve(
                        "/index.yaml",
                        utf8("manifests:\n- {name: " + name + ", type: lib, manifest: ./" + name + ".yaml}\n"))
                .serve(
                        "/" + name + ".yaml",
                        utf8("name: " + name + "\ntype: lib\nversions:\n- version: 1.0\n  resource: ./" + name
                                + ".tar.gz\n  sha256: " + Tarballs.sha256(tarball) + "\n"))
                .serve("/" + name + ".tar.gz", tarball);
    }

    private void assertCanaryAlive() throws IOException {
        assertEquals("still here", Files.readString(canary.resolve("canary.txt")));
    }

    @Test
    void aLinkChainOutOfTheArchiveIsRefusedAndNothingLandsOutside() throws Exception {
        Path tree = kraft.home().resolve(".local/share/kraftkit/sources/archives/sha256/" + "0".repeat(64) + "/tree");
        int depth = tree.getNameCount();
        Tarballs chain = Tarballs.gzip()
                .directory("evil-1.0/")
                .directory("evil-1.0/a/")
                .symlink("evil-1.0/a/b", "..")
                .symlink("evil-1.0/c0", "a/b/..");
        for (int i = 1; i < depth; i++) {
            chain.symlink("evil-1.0/c" + i, "c" + (i - 1) + "/..");
        }
        byte[] tarball = chain.symlink(
                        "evil-1.0/escape",
                        "c" + (depth - 1) + "/" + Path.of("/").relativize(canary))
                .bytes();
        serveLibrary("evil", tarball);

        Path out = tmp.resolve("out");
        KraftCli.Result pull = kraft.run(tmp, "pkg", "pull", "lib/evil:1.0", "-o", out.toString());
        String sha = Tarballs.sha256(tarball);
        Path entry = kraft.home().resolve(".local/share/kraftkit/sources/archives/sha256/" + sha + "/tree");
        for (Path landed : new Path[] {entry.resolve("escape"), out.resolve("escape")}) {
            if (Files.isDirectory(landed)) {
                Files.writeString(landed.resolve("canary.txt"), "overwritten through a link from the cache");
            }
        }
        assertCanaryAlive();
        assertEquals(10, pull.exit(), pull::toString);
        assertOneError(
                pull,
                "error: lib/evil 1.0 (" + server.url("/evil.tar.gz") + "): unsafe archive: entry \"evil-1.0/c0\" is a "
                        + "symbolic link to a/b/.., which leads outside the archive; refused");
        assertFalse(Files.exists(entry, LinkOption.NOFOLLOW_LINKS), "nothing refused is cached");
        assertFalse(Files.exists(out), "nothing refused is copied out");
    }

    @Test
    void outdirStaysInsideTheProjectAndCleanRemovesOnlyWhatKraftMade() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        String original = Files.readString(kraftfile);
        Files.createSymbolicLink(project.resolve("linked"), canary);
        String[][] cases = {
            {canary.toString(), "\"" + canary + "\" must be inside the project"},
            {".", "\".\" must be inside the project, and not the project itself"},
            {"../victim", "\"../victim\" must be inside the project"},
            {"linked/build", "\"linked/build\" must be inside the project (it leads to " + canary.resolve("build") + ")"
            },
        };
        for (String[] outdir : cases) {
            Files.writeString(kraftfile, "outdir: " + outdir[0] + "\n" + original);
            for (String[] command : new String[][] {{"clean", "--proper"}, {"build"}}) {
                KraftCli.Result result = kraft.run(project, command);
                assertCanaryAlive();
                assertTrue(Files.isRegularFile(kraftfile), "the project is still there");
                assertEquals(5, result.exit(), result::toString);
                assertOneError(
                        result,
                        "error: Kraftfile:1:9: outdir " + outdir[1]
                                + "; a path outside it can be given on the command line");
            }
        }

        Files.writeString(kraftfile, "outdir: libs\n" + original);
        KraftCli.Result clean = kraft.run(project, "clean", "--proper");
        assertEquals(3, clean.exit(), clean::toString);
        assertOneError(
                clean,
                "error: outdir libs was not made by kraft build (it holds no .kraft directory); kraft removes only its own "
                        + "build directories, so remove it yourself if you mean to");
        KraftCli.Result build = kraft.run(project, "build");
        assertEquals(3, build.exit(), build::toString);
        assertOneError(
                build,
                "error: outdir libs already holds files that kraft did not write; name a new or empty directory as outdir");
        assertTrue(Files.isRegularFile(project.resolve("libs/greet/greet.c")), "the sources are still there");

        Files.writeString(kraftfile, "outdir: out/kernels\n" + original);
        assertEquals(0, kraft.run(project, "build").exit());
        assertTrue(Files.isRegularFile(project.resolve("out/kernels/hello_qemu-x86_64")));
        assertEquals(0, kraft.run(project, "clean", "--proper").exit());
        assertFalse(Files.exists(project.resolve("out/kernels")));
    }

    @Test
    void rootfsAndVolumesInAKraftfileStayInsideTheProject() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        String original = Files.readString(kraftfile);
        assertEquals(0, kraft.run(project, "build").exit());
        Files.createSymbolicLink(project.resolve("linked"), canary);
        String up = "../".repeat(project.getNameCount());
        String[][] cases = {
            {
                "rootfs: " + canary.resolve("canary.txt"),
                "rootfs \"" + canary.resolve("canary.txt") + "\" must be inside the project"
            },
            {"rootfs: " + up + "etc", "rootfs \"" + up + "etc\" must be inside the project"},
            {"rootfs: linked", "rootfs \"linked\" must be inside the project (it leads to " + canary + ")"},
            {"volumes:\n  - /:/host", "volume source \"/\" must be inside the project"},
            {
                "volumes:\n  - source: linked\n    destination: /data",
                "volume source \"linked\" must be inside the project (it leads to " + canary + ")"
            },
        };
        for (String[] rootfs : cases) {
            Files.writeString(kraftfile, original + rootfs[0] + "\n");
            KraftCli.Result run = kraft.run(project, "run", "--rm", "-W");
            assertEquals(5, run.exit(), run::toString);
            int line = original.split("\n").length + (rootfs[0].startsWith("volumes") ? 2 : 1);
            int column = rootfs[0].contains("source:") ? 13 : rootfs[0].startsWith("volumes") ? 5 : 9;
            assertOneError(
                    run,
                    "error: Kraftfile:" + line + ":" + column + ": " + rootfs[1]
                            + "; a path outside it can be given on the " + "command line");
        }
        assertCanaryAlive();
    }

    @Test
    void aKraftfileLinkedOutOfItsProjectIsNotRead() throws Exception {
        Path secret =
                Files.writeString(canary.resolve("shadow"), "root:$y$j9T$SECRETSALT$SECRETHASH:19700:0:99999:7:::\n");
        Path project = Files.createDirectories(tmp.resolve("cloned"));
        Files.createSymbolicLink(project.resolve("Kraftfile"), secret);
        KraftCli.Result build = kraft.run(project, "build", "--dry-run");
        assertEquals(5, build.exit(), build::toString);
        assertOneError(
                build,
                "error: Kraftfile is a symbolic link out of its project (it leads to " + secret
                        + "); kraft reads it only " + "when named with -K");
        assertFalse(build.err().contains("SECRET"), build::toString);
        Files.delete(project.resolve("Kraftfile"));
        Files.createSymbolicLink(
                project.resolve("Kraftfile"), Files.writeString(project.resolve("kraft.yml.real"), "spec: v0.6\n"));
        KraftCli.Result inside = kraft.run(project, "build", "--dry-run");
        assertFalse(inside.err().contains("symbolic link"), "a link inside the project is fine: " + inside);
    }

    @Test
    void aKraftfileThatAnotherUserOrAnyoneCouldHaveWrittenIsNotFound() throws Exception {
        // As in /tmp: a shared directory above the user's project, holding a Kraftfile someone left.
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Path project = Files.createDirectories(shared.resolve("mine/app"));
        Path planted = Files.writeString(shared.resolve("Kraftfile"), "spec: v0.6\nname: planted\n");
        Files.setAttribute(planted, "unix:uid", 65534);
        KraftCli.Result foreign = kraft.run(project, "build", "--dry-run");
        assertEquals(5, foreign.exit(), foreign::toString);
        assertOneError(
                foreign,
                "error: " + planted + ", found above the project directory, is not read: it belongs to another "
                        + "user (uid 65534); name it with -K to read it");

        Files.setAttribute(planted, "unix:uid", 0);
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-rw-rw-"));
        KraftCli.Result writable = kraft.run(project, "build", "--dry-run");
        assertEquals(5, writable.exit(), writable::toString);
        assertOneError(
                writable,
                "error: " + planted + ", found above the project directory, is not read: anyone can write it "
                        + "(mode o+w); name it with -K to read it");

        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setAttribute(planted, "unix:uid", 65534);
        KraftCli.Result standing = kraft.run(shared, "build", "--dry-run");
        assertTrue(
                standing.err().contains("nothing to build"),
                "the directory one stands in is one's choice: " + standing);
        KraftCli.Result named = kraft.run(project, "build", "--dry-run", "-K", planted.toString());
        assertTrue(named.err().contains("nothing to build"), "-K reads it (and finds it empty): " + named);
    }

    @Test
    void editingAPlacedFileReachesNeitherTheCacheNorAnotherProject() throws Exception {
        byte[] greet = Tarballs.of(Projects.HELLO_LOCAL.resolve("libs/greet"), "lib-greet-1.0");
        serveLibrary("greet", greet);
        Path cached = kraft.home()
                .resolve(".local/share/kraftkit/sources/archives/sha256/" + Tarballs.sha256(greet) + "/tree/greet.c");
        String original = Files.readString(Projects.HELLO_LOCAL.resolve("libs/greet/greet.c"));
        Path first = projectWithGreet("first");
        KraftCli.Result fetch = kraft.run(first, "fetch");
        assertEquals(0, fetch.exit(), fetch::toString);
        Path placed = first.resolve(".unikraft/libs/greet/greet.c");
        Files.writeString(placed, "/* edited in place, as vim does with a file of several links */\n");
        assertEquals(original, Files.readString(cached), "the cache is untouched");
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cached)));
        Path second = projectWithGreet("second");
        assertEquals(0, kraft.run(second, "fetch").exit());
        assertEquals(
                original,
                Files.readString(second.resolve(".unikraft/libs/greet/greet.c")),
                "another project gets the original");
        KraftCli.Result pull = kraft.run(tmp, "pkg", "pull", "lib/greet:1.0");
        assertTrue(
                pull.err().contains("pulled lib/greet 1.0 sha256:")
                        && pull.err().contains("(cached)"),
                pull::toString);

        Files.setPosixFilePermissions(cached, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(cached, "/* the cache itself changed */\n");
        KraftCli.Result offline = kraft.run(tmp, "pkg", "pull", "--offline", "lib/greet:1.0");
        assertEquals(6, offline.exit(), offline::toString);
        assertOneError(
                offline,
                "error: offline (--offline or KRAFTKIT_OFFLINE): the cached lib/greet 1.0 is not what was fetched "
                        + "(greet.c changed); run once online to fetch it again");
        Path third = projectWithGreet("third");
        KraftCli.Result refetch = kraft.run(third, "fetch");
        assertEquals(0, refetch.exit(), refetch::toString);
        assertTrue(
                refetch.err()
                        .contains(
                                "warning: the cached lib/greet 1.0 is not what was fetched (greet.c changed); fetching it again"),
                refetch::toString);
        assertEquals(original, Files.readString(third.resolve(".unikraft/libs/greet/greet.c")));
        assertEquals(original, Files.readString(cached), "the cache holds the original again");
        assertEquals(2, server.requests("/greet.tar.gz"));
    }

    private Path projectWithGreet(String name) throws IOException {
        Path project = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve(name)));
        Projects.delete(project.resolve("libs"));
        Files.writeString(
                project.resolve("Kraftfile"),
                "spec: v0.6\nname: hello\nunikraft:\n  source: ./core\nlibraries:\n"
                        + "  greet: \"1.0\"\ntargets:\n  - qemu/x86_64\n");
        return project;
    }

    @Test
    void quotesCommasAndSpacesReachQemuAndTheGuestIntact() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile) + "cmd: [\"/usr/bin/php /usr/src/server.php\", 'say \"hi there\"']\n"
                        + "env:\n  QUOTE: 'a \"quoted\" value'\n");
        assertEquals(0, kraft.run(project, "build").exit());
        Path data = Files.createDirectories(tmp.resolve("data, dir"));
        Path initrd = Files.createDirectories(project.resolve("x,/etc")).resolve("hostname");
        Cpio.packDirectory(Files.createDirectories(tmp.resolve("rootfs")), initrd);
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        KraftCli.Result run = kraft.with("XDG_DATA_HOME", data.toString())
                .run(
                        project,
                        "run",
                        "-W",
                        "--name",
                        "quoting",
                        "--rootfs",
                        "x,/etc/hostname",
                        "-v",
                        shared + ":/data \"x\"");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(
                run.out()
                        .contains(
                                " vfs.fstab=[ \"initrd0:/:extract:::\" \"fs0:/data \\\"x\\\":9pfs:::mkmp\" ] env.vars=[ \"QUOTE=a "
                                        + "\\\"quoted\\\" value\" ] -- /usr/bin/php /usr/src/server.php say \"hi there\"\n"),
                run::toString);
        Path machine;
        try (Stream<Path> files = Files.walk(data)) {
            machine = files.filter(f -> f.getFileName().toString().equals("machine.json"))
                    .findFirst()
                    .orElseThrow();
        }
        String record = Files.readString(machine);
        assertTrue(
                record.contains("\"-serial\", \"file:machine.log\"") && record.contains("\"-initrd\", \"initrd.cpio\""),
                record);
        assertEquals(0, kraft.run(project, "rm", "quoting").exit());
    }

    @Test
    void editsKeepALinkedKraftfileAndItsLineEndings() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path real = project.resolve("conf/kraft.yaml");
        Files.createDirectories(real.getParent());
        Files.writeString(real, Files.readString(project.resolve("Kraftfile")).replace("\n", "\r\n"));
        Files.delete(project.resolve("Kraftfile"));
        Files.createSymbolicLink(project.resolve("Kraftfile"), Path.of("conf/kraft.yaml"));
        KraftCli.Result set = kraft.run(project, "set", "CONFIG_HELLO_EXTRA=y");
        assertEquals(0, set.exit(), set::toString);
        KraftCli.Result add = kraft.run(project, "lib", "add", "lwip:stable");
        assertEquals(0, add.exit(), add::toString);
        assertTrue(Files.isSymbolicLink(project.resolve("Kraftfile")), "still a link");
        String text = Files.readString(real);
        assertTrue(text.contains("CONFIG_HELLO_EXTRA: 'y'\r\n") && text.contains("lwip: stable\r\n"), text);
        assertEquals(
                text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "every line ends in CRLF: " + text);
    }

    @Test
    void aDirectoryNamedKraftfileIsAnErrorNotAReasonToUseTheParentsKraftfile() throws Exception {
        Path parent = Projects.copyHelloLocal(tmp);
        Path child = Files.createDirectories(parent.resolve("sub/Kraftfile")).getParent();
        KraftCli.Result build = kraft.run(child, "build", "--dry-run");
        assertEquals(5, build.exit(), build::toString);
        assertOneError(
                build, "error: Kraftfile is a directory, not a Kraftfile; rename it, or name the Kraftfile with -K");
    }

    @Test
    void aSecretGivenOnTheCommandLineIsNeverEchoed() throws Exception {
        String[][] attempts = {
            {"login", "registry.example", "-u", "me", "--password", "S3cret-pw"},
            {"login", "registry.example", "-p", "S3cret-pw"},
            {"login", "-t", "S3cret-pw", "registry.example", "--bogus"},
            {"login", "--token=S3cret-pw", "registry.example", "--bogus"},
            {"login", "-pS3cret-pw", "registry.example"},
        };
        for (String[] attempt : attempts) {
            KraftCli.Result login = kraft.run(tmp, attempt);
            assertEquals(2, login.exit(), login::toString);
            assertFalse(login.err().contains("S3cret") || login.out().contains("S3cret"), login::toString);
        }
    }

    @Test
    void aKilledPlacementLeavesNothingBehindForLong() throws Exception {
        serveLibrary("greet", Tarballs.of(Projects.HELLO_LOCAL.resolve("libs/greet"), "lib-greet-1.0"));
        Path project = projectWithGreet("p");
        Path libs = Files.createDirectories(project.resolve(".unikraft/libs"));
        Files.createDirectories(libs.resolve(".greet.new-1234/src"));
        Files.createDirectories(libs.resolve(".greet.old-5678/tree"));
        Files.createDirectories(libs.resolve(".greeting.new-1"));
        assertEquals(0, kraft.run(project, "fetch").exit());
        try (Stream<Path> left = Files.list(libs)) {
            assertEquals(
                    List.of(".greet.lock", ".greet.seal", ".greet.source", ".greeting.new-1", "greet"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "another component's staging is not greet's");
        }
    }

    @Test
    void aFirstDownloadOfAnUnverifiedPackageIsNotCalledCached() throws Exception {
        byte[] tarball = Tarballs.of(Projects.HELLO_LOCAL.resolve("libs/greet"), "lib-greet-1.0");
        server.serve("/index.yaml", utf8("manifests:\n- {name: greet, type: lib, manifest: ./greet.yaml}\n"))
                .serve(
                        "/greet.yaml",
                        utf8("name: greet\ntype: lib\nversions:\n- version: 1.0\n  resource: ./greet.tar.gz\n"))
                .serve("/greet.tar.gz", tarball);
        KraftCli.Result first = kraft.run(tmp, "pkg", "pull", "lib/greet:1.0");
        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.err().contains("(downloaded " + tarball.length + " bytes)"), first::toString);
        KraftCli.Result second = kraft.run(tmp, "pkg", "pull", "lib/greet:1.0");
        assertTrue(second.err().contains("(cached)"), second::toString);
    }

    /** The command's one error line is its last, and no stack trace came with it. */
    static void assertOneError(KraftCli.Result result, String line) {
        assertEquals(
                line, result.err().strip().substring(result.err().strip().lastIndexOf('\n') + 1), result::toString);
        assertEquals(1, result.err().split("error:", -1).length - 1, result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
    }

    @Test
    void aLibraryNamedByAPathIsRefusedWhereTheKraftfileNamesIt() throws Exception {
        String name = canary.toString();
        Path project = Projects.copyHelloLocal(tmp);
        Path library = project.resolve("libs/greet");
        Git.commitAll(library, "greet");
        Files.writeString(
                project.resolve("Kraftfile"),
                "spec: v0.6\nname: hello\nunikraft:\n  source: ./core\nlibraries:\n  \"" + name + "\":\n    source: "
                        + library.toUri() + "\n    version: main\ntargets:\n  - qemu/x86_64\n");
        for (String command : new String[] {"fetch", "build"}) {
            KraftCli.Result result = kraft.run(project, command);
            assertCanaryAlive();
            assertFalse(Files.exists(canary.resolveSibling(".victim.source")), "no placement record beside the victim");
            assertEquals(5, result.exit(), result::toString);
            assertOneError(
                    result,
                    "error: Kraftfile:6:3: \"" + name
                            + "\" is not a library name (lower-case letters, digits, _ and -, " + "at most 63)");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
