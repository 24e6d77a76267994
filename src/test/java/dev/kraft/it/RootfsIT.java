package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root filesystems end to end: a project on the test core with a directory, a Dockerfile built
 * by real buildah, a multi-stage Dockerfile whose base is in a real registry on 127.0.0.1, and
 * an image of two layers from that registry; each boots under TCG and the core lists what its
 * initrd holds, its args and its env. Images for the registry are {@link TestImages}.
 */
class RootfsIT {
    @RegisterExtension
    static final TestImages IMAGES = new TestImages();

    @TempDir
    Path tmp;

    KraftCli kraft;
    Path project;
    String host;

    @BeforeEach
    void projectAndHome() throws IOException {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        project = Projects.copyHelloLocal(tmp);
        host = IMAGES.host();
    }

    @Test
    void aDirectoryKeepsModesAndLinksAndGivesTheSameBytesTwice() throws Exception {
        Path rootfs = Files.createDirectories(project.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("motd"), "welcome\nsecond line\n");
        Path tool = Files.writeString(
                Files.createDirectories(project.resolve("rootfs/bin")).resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(project.resolve("rootfs/bin/sh"), Path.of("tool"));
        useRootfs("./rootfs");
        build();
        Path cpio = project.resolve(".unikraft/build/initramfs-x86_64.cpio");
        byte[] first = Files.readAllBytes(cpio);
        assertEquals(0750, mode(cpio, "./bin/tool") & 07777, "modes are kept");
        Files.setLastModifiedTime(tool, FileTime.fromMillis(0));
        build();
        assertTrue(Arrays.equals(first, Files.readAllBytes(cpio)), "the same tree gives the same bytes");

        List<String> guest = guest(run());
        assertEquals(
                List.of(
                        "initrd: multiboot module, " + first.length + " bytes",
                        "initrd dir: /bin",
                        "initrd link: /bin/sh -> tool",
                        "initrd file: /bin/tool: #!/bin/sh",
                        "initrd dir: /etc",
                        "initrd file: /etc/motd: welcome",
                        "initrd: 5 entries"),
                guest);
    }

    @Test
    void aDockerfileFromScratchBuiltByBuildahGivesItsFilesCmdAndEnv() throws Exception {
        TestImages.scratchDockerfile(project);
        useRootfs("./Dockerfile");
        KraftCli.Result build = kraft.run(project, "build", "--build-arg", "NOTE=the-flag");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(build.err().contains("building rootfs via buildah"), build::toString);
        assertEquals(
                "made by the-flag\n",
                content(project.resolve(".unikraft/build/initramfs-x86_64.cpio"), "./data/run.txt"),
                "--build-arg reaches the Dockerfile");

        String out = run();
        assertEquals(TestImages.SCRATCH_ENTRIES, TestImages.entries(out));
        assertTrue(out.contains("\narg: /bin/hello\narg: world\n"), "the image's CMD: " + out);
        assertTrue(out.contains("\nenv: GREETING=hi there\n"), "the image's ENV: " + out);
    }

    @Test
    void aMultiStageDockerfileTakesItsBaseFromTheLocalRegistry() throws Exception {
        Files.writeString(project.resolve("Dockerfile.rootfs"), """
                FROM %s/base:1 AS base
                FROM scratch AS final
                COPY --from=base /etc/base.txt /etc/base.txt
                COPY --from=base /bin/busybox /bin/busybox
                ENTRYPOINT ["/bin/busybox", "cat"]
                CMD ["/etc/base.txt"]
                """.formatted(host));
        useRootfs("./Dockerfile.rootfs");
        KraftCli.Result build = kraft.run(project, "build", "--build-target", "final");
        assertEquals(0, build.exit(), build::toString);

        String out = run();
        assertEquals(
                List.of(
                        "initrd dir: /bin",
                        "initrd file: /bin/busybox: (binary)",
                        "initrd dir: /etc",
                        "initrd file: /etc/base.txt: from the base image"),
                TestImages.entries(out));
        assertTrue(out.contains("\narg: /bin/busybox\narg: cat\narg: /etc/base.txt\n"), "ENTRYPOINT then CMD: " + out);
    }

    @Test
    void anImageOfTwoLayersLosesWhatTheSecondDeletesAndTravelsInKraftPkg() throws Exception {
        useRootfs(host + "/two:1");
        build();
        for (String out : List.of(run(), packagedAndRunByReference())) {
            assertEquals(TestImages.TWO_LAYERS, TestImages.entries(out));
            assertTrue(
                    out.contains("\narg: /bin/busybox\narg: echo\narg: two layers\n"), "ENTRYPOINT then CMD: " + out);
            assertTrue(out.contains("\nenv: BASE=1\n") && out.contains("\nenv: LAYER=2\n"), "both layers' ENV: " + out);
        }
    }

    /** kraft pkg of the project, pushed, removed locally, run by reference. */
    private String packagedAndRunByReference() throws Exception {
        String ref = host + "/packed:1";
        KraftCli.Result pkg = kraft.run(project, "pkg", "--name", ref, "--push");
        assertEquals(0, pkg.exit(), pkg::toString);
        assertEquals(0, kraft.run(project, "pkg", "rm", ref).exit());
        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", ref);
        assertEquals(0, run.exit(), run::toString);
        return run.out();
    }

    @Test
    void aKernelThatEmbedsItsRootfsGetsTheBuiltCpioAndNoInitrd() throws Exception {
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("  kconfig:\n", "  kconfig:\n    CONFIG_LIBVFSCORE_AUTOMOUNT_CI_EINITRD: 'y'\n"));
        KraftCli.Result nothing = kraft.run(project, "build");
        assertEquals(5, nothing.exit(), nothing::toString);
        UntrustedSourcesIT.assertOneError(
                nothing,
                "error: " + kraftfile + ": hello_qemu-x86_64 embeds its initrd"
                        + " (CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD_PATH is kraft's rootfs), but there is no rootfs to build: add rootfs:"
                        + " (a directory, CPIO file, Dockerfile or image) or pass --rootfs");

        Files.writeString(Files.createDirectories(project.resolve("rootfs/etc")).resolve("motd"), "embedded\n");
        useRootfs("./rootfs");
        build();
        assertTrue(Files.readString(project.resolve(".config.hello_qemu-x86_64"))
                .contains("CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD_PATH=\""
                        + project.resolve(".unikraft/build/initramfs-x86_64.cpio") + "\""));
        String out = run();
        assertFalse(
                out.contains("multiboot module") || out.contains("vfs.fstab"),
                "no -initrd beside an embedded one: " + out);
        assertTrue(out.contains("initrd: embedded, "), out);
        assertEquals(List.of("initrd dir: /etc", "initrd file: /etc/motd: embedded"), TestImages.entries(out));
    }

    @Test
    void aFailingDockerfileShowsBuildahsLastLinesAndTheLog() throws Exception {
        Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nRUN [\"/no/such/program\"]\n");
        KraftCli.Result build = kraft.run(project, "build", "--rootfs", "Dockerfile");
        assertEquals(7, build.exit(), build::toString);
        Path log = project.resolve(".unikraft/build/initramfs-x86_64.cpio.log");
        String last = build.err().strip().substring(build.err().strip().lastIndexOf('\n') + 1);
        assertEquals(
                "error: buildah could not build " + project.resolve("Dockerfile") + " (exit 1); full output in " + log,
                last,
                build::toString);
        assertFalse(build.err().contains("\tat "), build::toString);
        assertTrue(build.err().contains("/no/such/program"), "buildah's own words: " + build);
        assertTrue(Files.readString(log).contains("/no/such/program"), "the log keeps everything");
    }

    @Test
    void layersThatClimbOutOfTheTreeAreRefused() throws Exception {
        IMAGES.pushLayout(
                tmp,
                "dotdot",
                "linux",
                "amd64",
                Map.of(),
                Tarballs.plain().directory("etc/").file("../escaped", "out").bytes());
        KraftCli.Result dotdot = kraft.run(project, "build", "--rootfs", host + "/dotdot:1");
        assertEquals(10, dotdot.exit(), dotdot::toString);
        UntrustedSourcesIT.assertOneError(
                dotdot,
                "error: rootfs " + host + "/dotdot:1: layer 1 of 1: unsafe archive: entry \"../escaped\" is "
                        + "a path with \"..\"; refused");

        IMAGES.pushLayout(
                tmp,
                "rooted",
                "linux",
                "amd64",
                Map.of(),
                Tarballs.plain()
                        .directory("etc/")
                        .symlink("etc/up", "/../../..")
                        .bytes());
        KraftCli.Result rooted = kraft.run(project, "build", "--rootfs", host + "/rooted:1");
        assertEquals(10, rooted.exit(), rooted::toString);
        UntrustedSourcesIT.assertOneError(
                rooted,
                "error: rootfs " + host + "/rooted:1: layer 1 of 1: unsafe archive: entry \"etc/up\" is "
                        + "a symbolic link to /../../.., which leads outside the archive; refused");
        assertFalse(Files.exists(project.resolve(".unikraft/escaped"))
                || Files.exists(project.resolve(".unikraft/build/escaped")));
    }

    @Test
    void anIndexWithoutTheMachinesPlatformIsRefused() throws Exception {
        IMAGES.pushLayout(
                tmp,
                "armonly",
                "linux",
                "arm64",
                Map.of(),
                Tarballs.plain().directory("etc/").bytes());
        KraftCli.Result build = kraft.run(project, "build", "--rootfs", host + "/armonly:1");
        assertEquals(6, build.exit(), build::toString);
        UntrustedSourcesIT.assertOneError(
                build, "error: " + host + "/armonly:1 has no image for linux/amd64; it has: linux/arm64");
    }

    private void useRootfs(String rootfs) throws IOException {
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile, Files.readString(kraftfile).replace("targets:", "rootfs: " + rootfs + "\n\ntargets:"));
    }

    private void build() throws Exception {
        KraftCli.Result build = kraft.run(project, "build");
        assertEquals(0, build.exit(), build::toString);
    }

    /** Runs the built project under TCG and returns the console. */
    private String run() throws Exception {
        KraftCli.Result run = kraft.run(project, "run", "-W", "--rm");
        assertEquals(0, run.exit(), run::toString);
        return run.out();
    }

    /** The core's initrd lines. */
    private static List<String> guest(String console) {
        return console.lines().filter(line -> line.startsWith("initrd")).toList();
    }

    private static int mode(Path cpio, String name) throws IOException {
        try (InputStream in = Files.newInputStream(cpio);
                CpioArchiveInputStream archive = new CpioArchiveInputStream(in)) {
            for (CpioArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return (int) entry.getMode();
                }
            }
        }
        throw new AssertionError(name + " is not in " + cpio);
    }

    private static String content(Path cpio, String name) throws IOException {
        try (InputStream in = Files.newInputStream(cpio);
                CpioArchiveInputStream archive = new CpioArchiveInputStream(in)) {
            for (CpioArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return new String(archive.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " is not in " + cpio);
    }
}
