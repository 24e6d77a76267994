package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden tests: the exact make calls and defconfig a Kraftfile turns into. */
class BuildPlannerTest {
    @TempDir
    Path dir;

    private Project project() throws IOException {
        for (String sub : List.of("core", "libs/zeta", "libs/musl", "libs/alpha")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                unikraft:
                  source: ./core
                  kconfig:
                    CONFIG_CORE_OPT: 'y'
                    CONFIG_LIBUKRANDOM: 'n'
                libraries:
                  zeta: ./libs/zeta
                  musl:
                    source: ./libs/musl
                    kconfig:
                      CONFIG_MUSL_OPT: 7
                  alpha: ./libs/alpha
                  lwip: stable
                targets:
                  - plat: qemu
                    arch: x86_64
                    kconfig:
                      CONFIG_GREETING: say "hi"
                env:
                  HOME: /
                """);
        return new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
    }

    private TargetPlan plan(Optional<Integer> jobs) throws IOException {
        Project project = project();
        BuildOptions options = new BuildOptions(
                false,
                false,
                false,
                false,
                jobs,
                Optional.empty(),
                BuildEnv.resolve(project.env(), List.of("EXTRA=1"), Map.of()),
                false);
        return BuildPlanner.plan(new Workdir(project), project.targets(), options)
                .get(0);
    }

    @Test
    void makeCallsAreAbsoluteNamedAndInKraftKitsLibraryOrder() throws IOException {
        TargetPlan plan = plan(Optional.of(2));
        String d = dir.toString();
        String vars = "O=" + d + "/.unikraft/build A=" + d
                + " L=" + d + "/libs/musl:" + d + "/libs/alpha:" + d + "/.unikraft/libs/lwip:" + d + "/libs/zeta"
                + " C=" + d + "/.config.hello_qemu-x86_64 N=hello";
        String make = "make -C " + d + "/core --no-print-directory ";
        assertEquals(
                make + vars + " UK_DEFCONFIG=" + d + "/.unikraft/build/.kraft/hello_qemu-x86_64.defconfig defconfig",
                plan.configure().commandLine());
        assertEquals(make + vars + " all -j2", plan.build().commandLine());
        assertEquals(dir.resolve(".unikraft/build/hello_qemu-x86_64"), plan.kernel());
        assertEquals(
                plan.kernel(), plan.madeKernel(), "one target: KraftKit's layout, make writes the kernel in place");
    }

    @Test
    void eachOfSeveralTargetsIsBuiltInItsOwnOutdirAndItsKernelLandsInTheBuildDir() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        Files.writeString(
                dir.resolve("Kraftfile"),
                "spec: v0.6\nname: hello\nunikraft: ./core\ntargets: [qemu/x86_64, fc/x86_64]\n");
        Project project =
                new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        BuildOptions options =
                new BuildOptions(false, false, false, false, Optional.empty(), Optional.empty(), Map.of(), false);
        List<TargetPlan> plans = BuildPlanner.plan(new Workdir(project), project.targets(), options);
        for (TargetPlan plan : plans) {
            Path outdir =
                    dir.resolve(".unikraft/build/targets").resolve(plan.target().kernelName());
            assertEquals(outdir, plan.outdir());
            assertEquals(outdir.toString(), plan.build().variables().get("O"));
            assertEquals(outdir.resolve(plan.target().kernelName()), plan.madeKernel());
            assertEquals(dir.resolve(".unikraft/build").resolve(plan.target().kernelName()), plan.kernel());
        }
        assertEquals(
                List.of("hello_qemu-x86_64", "hello_fc-x86_64"),
                plans.stream().map(p -> p.target().kernelName()).toList());
    }

    @Test
    void defconfigMergesInKraftKitsOrder() throws IOException {
        assertEquals("""
                CONFIG_UK_NAME="hello"
                CONFIG_CORE_OPT=y
                # CONFIG_LIBUKRANDOM is not set
                CONFIG_LIBZETA=y
                CONFIG_MUSL_OPT=7
                CONFIG_LIBMUSL=y
                CONFIG_LIBALPHA=y
                CONFIG_LIBLWIP=y
                CONFIG_ARCH_X86_64=y
                CONFIG_KVM_VMM_QEMU=y
                CONFIG_PLAT_KVM=y
                CONFIG_GREETING="say \\"hi\\""
                CONFIG_LIBPOSIX_ENVIRON_ENVP1="HOME=/"
                CONFIG_LIBPOSIX_ENVIRON_ENVP2="EXTRA=1"
                """, Defconfig.write(plan(Optional.empty()).kconfig()));
    }

    @Test
    void defconfigReadsBackWhatItWrites() throws IOException {
        var kconfig = plan(Optional.empty()).kconfig();
        assertEquals(kconfig, Defconfig.read(Defconfig.write(kconfig)));
    }

    @Test
    void refusesPathsMakeWouldExpand() throws IOException {
        Path evil = Files.createDirectories(dir.resolve("$(shell touch x)"));
        Files.createDirectories(evil.resolve("core"));
        Files.writeString(evil.resolve("Kraftfile"), "spec: v0.6\nunikraft: ./core\ntargets: [qemu/x86_64]\n");
        Project project =
                new KraftfileLoader(evil, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        BuildOptions options =
                new BuildOptions(false, false, false, false, Optional.empty(), Optional.empty(), Map.of(), false);
        KraftException e = assertThrows(
                KraftException.class, () -> BuildPlanner.plan(new Workdir(project), project.targets(), options));
        assertEquals(
                "O=" + evil
                        + "/.unikraft/build: make cannot be given '$' safely; move the project to a path without it",
                e.getMessage());
    }
}
