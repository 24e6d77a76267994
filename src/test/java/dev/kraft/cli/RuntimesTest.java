package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import dev.kraft.unikraft.TargetFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a runtime project's runtime is named and for which platforms it is taken. */
class RuntimesTest {
    private static final TargetFilter NONE = TargetFilter.ANY;

    @TempDir
    Path dir;

    private final Runtimes runtimes = new Runtimes(
            () -> {
                throw new AssertionError("no image is needed to name a runtime");
            },
            "registry.local:5000",
            true);

    private Project load(String kraftfile) throws IOException {
        Files.writeString(dir.resolve("Kraftfile"), kraftfile);
        return new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
    }

    @Test
    void aShortNameIsInTheDefaultRegistryAndTheFlagWins() throws IOException {
        Project project = load("spec: v0.6\nruntime: base:latest\n");
        assertEquals(
                Optional.of(ImageRef.parse("registry.local:5000/base:latest")), runtimes.of(project, Optional.empty()));
        assertEquals(
                Optional.of(ImageRef.parse("unikraft.org/nginx:1.25")),
                runtimes.of(project, Optional.of("unikraft.org/nginx:1.25")));
        assertEquals(
                Optional.of(ImageRef.parse("127.0.0.1:5000/hello:1")),
                runtimes.of(
                        load("spec: v0.6\nruntime:\n  source: 127.0.0.1:5000/hello\n  version: '1'\n"),
                        Optional.empty()));
    }

    @Test
    void aProjectBuiltFromSourceHasNoRuntimeUnlessTheFlagGivesIt() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        Project project =
                load("spec: v0.6\nruntime: base:latest\nunikraft:\n  source: ./core\ntargets: [qemu/x86_64]\n");
        assertEquals(Optional.empty(), runtimes.of(project, Optional.empty()));
        assertEquals(
                Optional.of(ImageRef.parse("registry.local:5000/base:1")), runtimes.of(project, Optional.of("base:1")));
    }

    @Test
    void aReferenceThatDoesNotParseIsNamedWhereItWasGiven() throws IOException {
        KraftException kraftfile = assertThrows(
                KraftException.class, () -> runtimes.of(load("spec: v0.6\nruntime: Base Image\n"), Optional.empty()));
        assertEquals(ExitCode.INVALID_INPUT, kraftfile.exitCode());
        assertEquals(
                "Kraftfile:2:10: runtime \"Base Image\" is not an image reference: expected [REGISTRY/]NAME[:TAG][@sha256:DIGEST]"
                        + " in lower case, e.g. unikraft.org/helloworld:latest",
                kraftfile.getMessage());
        KraftException flag = assertThrows(
                KraftException.class, () -> runtimes.of(load("spec: v0.6\nruntime: base\n"), Optional.of("A:B")));
        assertEquals(ExitCode.USAGE, flag.exitCode());
        assertTrue(flag.getMessage().startsWith("--runtime: \"A:B\" is not an image reference"), flag.getMessage());
    }

    @Test
    void withoutTargetsTheRuntimeIsTakenForThePlatformAskedForOrQemuOnThisMachine() throws IOException {
        Project project = load("spec: v0.6\nname: app\nruntime: base:latest\n");
        Target host = Runtimes.targets(project, NONE).get(0);
        assertEquals(Plat.QEMU, host.plat());
        assertEquals(Arch.parse(System.getProperty("os.arch")).orElse(Arch.X86_64), host.arch());
        assertEquals(
                "app_fc-arm64",
                Runtimes.targets(
                                project,
                                new TargetFilter(Optional.empty(), Optional.of(Plat.FC), Optional.of(Arch.ARM64)))
                        .get(0)
                        .kernelName());
        assertEquals(
                "app_xen-arm64",
                Runtimes.targets(
                                project, new TargetFilter(Optional.of("xen/arm64"), Optional.empty(), Optional.empty()))
                        .get(0)
                        .kernelName());
        KraftException other = assertThrows(
                KraftException.class,
                () -> Runtimes.targets(
                        project, new TargetFilter(Optional.of("web"), Optional.empty(), Optional.empty())));
        assertEquals(
                "-t web: Kraftfile lists no targets; choose the runtime's platform with --plat and --arch, or -t PLAT/ARCH",
                other.getMessage());
    }

    @Test
    void theKraftfilesTargetsChooseThePlatforms() throws IOException {
        Project project = load("spec: v0.6\nruntime: base:latest\ntargets: [qemu/x86_64, fc/x86_64]\n");
        assertEquals(
                List.of("qemu/x86_64", "fc/x86_64"),
                Runtimes.targets(project, NONE).stream().map(Target::platArch).toList());
        assertEquals(
                List.of("fc/x86_64"),
                Runtimes.targets(project, new TargetFilter(Optional.empty(), Optional.of(Plat.FC), Optional.empty()))
                        .stream()
                        .map(Target::platArch)
                        .toList());
    }

    @Test
    void commandsThatBuildFromSourceSayTheProjectRunsARuntime() throws IOException {
        Project project = load("spec: v0.6\nruntime: base:latest\n");
        KraftException e = assertThrows(KraftException.class, () -> TargetSelection.matching(project, NONE));
        assertEquals(
                "Kraftfile runs the prebuilt runtime base:latest: there are no sources to fetch, configure or compile; kraft build"
                        + " pulls the runtime and builds the rootfs, kraft run boots it, kraft pkg packages both",
                e.getMessage());
        assertEquals(
                "Kraftfile: nothing to build; add unikraft: (and targets:) to build a kernel from source, or runtime: to run a"
                        + " prebuilt one (e.g. runtime: base:latest)",
                assertThrows(KraftException.class, () -> TargetSelection.matching(load("spec: v0.6\nname: x\n"), NONE))
                        .getMessage());
    }
}
