package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime projects end to end, offline, through bin/kraft: a runtime made with kraft pkg from
 * the test core (its Kconfig asks for the initrd at /, its image has a cmd and an env) is pushed
 * to a real registry on 127.0.0.1; projects that name it, with a directory, a Dockerfile built
 * by buildah, a multi-stage Dockerfile and a two-layer image as root file system, build without
 * make, boot under TCG, and the guest lists exactly their files, args and env. Each is then
 * packaged, pushed, pulled into an empty store and run by reference, with the same result.
 */
class RuntimeIT {
    private static final String RUNTIME_ARGS = "arg: from-the-runtime";
    private static final String RUNTIME_ENV = "env: RUNTIME=base";
    /** What buildah writes into every image it builds. */
    private static final String BUILDAH_PATH = "env: PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @RegisterExtension
    static final TestImages IMAGES = new TestImages();

    @TempDir
    static Path shared;

    static String host;
    static String runtime;

    @TempDir
    Path tmp;

    KraftCli kraft;
    Path project;

    @BeforeAll
    static void registryImagesAndRuntime() throws Exception {
        host = IMAGES.host();
        runtime = host + "/hello-runtime:1";
        Path core = Projects.helloLocalWith(
                Files.createDirectories(shared.resolve("runtime")), "CONFIG_LIBVFSCORE_AUTOMOUNT_UP: 'y'");
        Path kraftfile = core.resolve("Kraftfile");
        Files.writeString(
                kraftfile, Files.readString(kraftfile) + "cmd: [\"from-the-runtime\"]\nenv:\n  RUNTIME: base\n");
        KraftCli maker = new KraftCli(Files.createDirectories(shared.resolve("maker")));
        succeeds(maker.run(core, "build"));
        succeeds(maker.run(core, "pkg", "--name", runtime, "--push"));
        succeeds(maker.run(
                core,
                "pkg",
                "--kernel",
                ".unikraft/build/hello_qemu-x86_64",
                "--arch",
                "arm64",
                "--plat",
                "qemu",
                "--name",
                host + "/arm-only:1",
                "--push"));
        Path fallback = Projects.helloLocalWith(
                Files.createDirectories(shared.resolve("fallback")),
                "CONFIG_LIBVFSCORE_AUTOMOUNT_UP: 'y'\n    CONFIG_LIBVFSCORE_AUTOMOUNT_CI_EINITRD: 'y'");
        Files.writeString(
                Files.createDirectories(fallback.resolve("fallback")).resolve("fallback"), "the runtime's own\n");
        Files.writeString(
                fallback.resolve("Kraftfile"),
                Files.readString(fallback.resolve("Kraftfile")) + "rootfs: ./fallback\n");
        succeeds(maker.run(fallback, "build"));
        succeeds(maker.run(fallback, "pkg", "--name", host + "/fallback-runtime:1", "--push"));
        IMAGES.pushLayout(
                shared,
                "no-kernel",
                "qemu",
                "x86_64",
                Map.of("sh.kraftkit.version", "0.1.0"),
                Tarballs.plain().file("unikraft/bin/initrd", "not a kernel").bytes());
    }

    @BeforeEach
    void emptyStore() throws IOException {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        project = Files.createDirectories(tmp.resolve("app"));
    }

    @Test
    void aDirectoryRootfsOnARuntimeNamedShortlyInTheDefaultRegistry() throws Exception {
        Files.writeString(Files.createDirectories(project.resolve("rootfs/etc")).resolve("motd"), "on a runtime\n");
        Files.createDirectories(project.resolve("data"));
        kraftfile(
                "runtime:\n  source: hello-runtime\n  version: '1'\nrootfs: ./rootfs\nenv:\n  PROJECT: a\nvolumes:\n  - ./data:/data\n");
        kraft.with("KRAFTKIT_OCI_DEFAULT_REGISTRY", host);

        KraftCli.Result dryRun = kraft.run(project, "build", "--dry-run");
        assertEquals(6, dryRun.exit(), dryRun::toString);
        UntrustedSourcesIT.assertOneError(
                dryRun,
                "error: runtime " + runtime + " is not cached (not in the local image store), and a plan"
                        + " never pulls; get it with: kraft pkg pull " + runtime);
        KraftCli.Result build = succeeds(kraft.run(project, "build"));
        assertTrue(build.err().contains("pulling runtime " + runtime), build::toString);
        assertFalse(
                Files.exists(project.resolve(".unikraft/build/Makefile"))
                        || Files.exists(project.resolve(".config.app_qemu-x86_64")),
                "no make: " + build);
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/build/initramfs-x86_64.cpio")));
        KraftCli.Result again = succeeds(kraft.run(project, "build", "--offline"));
        assertFalse(again.err().contains("pulling"), "pulled once: " + again);
        KraftCli.Result plan = succeeds(kraft.run(project, "build", "--dry-run", "--offline"));
        assertTrue(
                plan.out().contains("runtime " + runtime + " (a prebuilt kernel")
                        && plan.out().contains("target app (qemu/x86_64)")
                        && plan.out()
                                .contains("  rootfs: ./rootfs -> "
                                        + project.resolve(".unikraft/build/initramfs-x86_64.cpio")),
                plan::toString);

        String out = run();
        assertTrue(
                out.contains(" vfs.fstab=[ \"initrd0:/:extract:::\" \"fs0:/data:9pfs:::mkmp\" ] "),
                "the runtime's Kconfig asks for the initrd at /, the Kraftfile's volume follows: " + out);
        assertSameGuest(
                List.of("initrd dir: /etc", "initrd file: /etc/motd: on a runtime"),
                List.of(RUNTIME_ENV, "env: PROJECT=a", RUNTIME_ARGS),
                out);
    }

    @Test
    void aDockerfileFromScratchGivesItsCmdOverTheRuntimes() throws Exception {
        TestImages.scratchDockerfile(project);
        kraftfile("runtime: hello-runtime:1\nrootfs: ./Dockerfile\n");
        kraft.with("KRAFTKIT_OCI_DEFAULT_REGISTRY", host);
        succeeds(kraft.run(project, "build"));

        assertSameGuest(
                TestImages.SCRATCH_ENTRIES,
                List.of(RUNTIME_ENV, BUILDAH_PATH, "env: GREETING=hi there", "arg: /bin/hello", "arg: world"),
                run());
    }

    @Test
    void aMultiStageDockerfileWithItsBaseInTheRegistryAndTheKraftfilesCmdOverAll() throws Exception {
        Files.writeString(project.resolve("Dockerfile"), """
                FROM %s/base:1 AS base
                FROM scratch
                COPY --from=base /etc/base.txt /etc/base.txt
                COPY --from=base /bin/busybox /bin/busybox
                CMD ["/etc/base.txt"]
                """.formatted(host));
        kraftfile("runtime: " + runtime + "\nrootfs: ./Dockerfile\ncmd: [\"--\", \"kraftfile-arg\"]\n");
        succeeds(kraft.run(project, "build"));

        assertSameGuest(
                List.of(
                        "initrd dir: /bin",
                        "initrd file: /bin/busybox: (binary)",
                        "initrd dir: /etc",
                        "initrd file: /etc/base.txt: from the base image"),
                List.of(RUNTIME_ENV, BUILDAH_PATH, "arg: kraftfile-arg"),
                run());
    }

    @Test
    void anImageOfTwoLayersOnTheRuntimeTheFlagNames() throws Exception {
        kraftfile("runtime: " + host + "/no-such-runtime:1\nrootfs: " + host + "/two:1\n");
        succeeds(kraft.run(project, "build", "-r", runtime));

        KraftCli.Result run = succeeds(kraft.run(project, "run", "-W", "--rm", "-r", runtime));
        assertSameGuest(
                TestImages.TWO_LAYERS,
                List.of(
                        RUNTIME_ENV,
                        BUILDAH_PATH,
                        "env: BASE=1",
                        "env: LAYER=2",
                        "arg: /bin/busybox",
                        "arg: echo",
                        "arg: two layers"),
                run.out(),
                "-r",
                runtime);
    }

    /** As unikraft.org/base, which embeds a fallback root file system: the project's still goes beside it, as KraftKit gives it. */
    @Test
    void aRuntimeThatEmbedsAFallbackRootfsStillGetsTheProjects() throws Exception {
        Files.writeString(Files.createDirectories(project.resolve("rootfs/etc")).resolve("motd"), "the project's\n");
        kraftfile("runtime: " + host + "/fallback-runtime:1\nrootfs: ./rootfs\n");
        succeeds(kraft.run(project, "build"));
        String out = run();
        assertTrue(
                out.contains("\ninitrd: multiboot module, ")
                        && out.contains("\ninitrd file: /etc/motd: the project's\n"),
                out);
        assertTrue(
                out.contains("\ninitrd: embedded, ") && out.contains("\ninitrd file: /fallback: the runtime's own\n"),
                out);
        assertTrue(out.contains(" vfs.fstab=[ \"initrd0:/:extract:::\" ] "), out);
    }

    @Test
    void aRuntimeWithoutTheMachinesPlatformOrWithoutAKernelIsRefused() throws Exception {
        kraftfile("runtime: " + host + "/arm-only:1\n");
        KraftCli.Result armOnly = kraft.run(project, "run", "-W", "--rm");
        assertEquals(6, armOnly.exit(), armOnly::toString);
        UntrustedSourcesIT.assertOneError(
                armOnly,
                "error: --plat/--arch qemu/x86_64: runtime " + host + "/arm-only:1 has no unikernel"
                        + " for qemu/x86_64; it has: qemu/arm64");

        kraftfile("runtime: " + host + "/no-kernel:1\n");
        KraftCli.Result noKernel = kraft.run(project, "build");
        assertEquals(5, noKernel.exit(), noKernel::toString);
        assertTrue(
                noKernel.err()
                                .strip()
                                .endsWith(
                                        "(qemu/x86_64) has no layer with /unikraft/bin/kernel; it is not a unikernel image")
                        && noKernel.err().contains("error: runtime " + host + "/no-kernel:1: manifest sha256:"),
                noKernel::toString);

        kraftfile("runtime: " + host + "/base:1\n");
        KraftCli.Result container = kraft.run(project, "build");
        assertEquals(5, container.exit(), container::toString);
        assertTrue(container.err().contains("not a unikernel image index"), container::toString);
    }

    @Test
    void offlineAMissingRuntimeIsOneLineAndCommandsThatCompileSayTheProjectRunsARuntime() throws Exception {
        kraftfile("runtime: " + runtime + "\n");
        assertEquals(6, kraft.run(project, "build", "--offline").exit());
        KraftCli.Result offline = kraft.with("KRAFTKIT_OFFLINE", "1").run(project, "run", "-W", "--rm");
        assertEquals(6, offline.exit(), offline::toString);
        UntrustedSourcesIT.assertOneError(
                offline,
                "error: offline (--offline or KRAFTKIT_OFFLINE): runtime " + runtime + " is not cached"
                        + " (not in the local image store); get it once online with: kraft pkg pull " + runtime);

        KraftCli.Result fetch = kraft.run(project, "fetch");
        assertEquals(2, fetch.exit(), fetch::toString);
        UntrustedSourcesIT.assertOneError(
                fetch,
                "error: Kraftfile runs the prebuilt runtime " + runtime + ": there are no sources to fetch,"
                        + " configure or compile; kraft build pulls the runtime and builds the rootfs, kraft run boots it, kraft pkg packages both");
        assertFalse(fetch.err().contains("no targets"), fetch::toString);
    }

    private void kraftfile(String body) throws IOException {
        Files.writeString(project.resolve("Kraftfile"), "spec: v0.6\nname: app\n" + body);
    }

    /** Runs the runtime project under TCG and returns the console. */
    private String run() throws Exception {
        return succeeds(kraft.run(project, "run", "-W", "--rm")).out();
    }

    private void assertSameGuest(List<String> entries, List<String> argsAndEnv, String console, String... pkgOptions)
            throws Exception {
        assertEquals(entries, TestImages.entries(console), console);
        assertEquals(argsAndEnv, TestImages.argsAndEnv(console), console);
        String packaged = packagedAndRunByReference(pkgOptions);
        assertEquals(entries, TestImages.entries(packaged), "packaged: " + packaged);
        assertEquals(argsAndEnv, TestImages.argsAndEnv(packaged), "packaged: " + packaged);
    }

    /** kraft pkg of the project, pushed, then pulled into an empty store and run by reference. */
    private String packagedAndRunByReference(String... pkgOptions) throws Exception {
        String ref = host + "/packed-"
                + tmp.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ":1";
        List<String> argv = new ArrayList<>(List.of("pkg", "--name", ref, "--push"));
        argv.addAll(List.of(pkgOptions));
        succeeds(kraft.run(project, argv.toArray(String[]::new)));
        KraftCli elsewhere = new KraftCli(Files.createDirectories(tmp.resolve("elsewhere")));
        return succeeds(elsewhere.run(tmp, "run", "-W", "--rm", ref)).out();
    }

    private static KraftCli.Result succeeds(KraftCli.Result result) {
        assertEquals(0, result.exit(), result::toString);
        return result;
    }
}
