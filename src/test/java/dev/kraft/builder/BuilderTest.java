package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.builder.make.Make;
import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which make steps a build runs, decided by what changed since the last one; make itself is a fake. */
class BuilderTest {
    @TempDir
    Path dir;

    /** kraft's data dir, outside the project as it is for users: builds kept for reuse go there. */
    @TempDir
    Path data;

    private final List<String> goals = new ArrayList<>();
    /** A source the fake make's "all" writes, as an editor saving while make runs. */
    private Path editDuringMake;

    @Test
    void aChangedConfigurationIsConfiguredAgainAnUnchangedOneNotEvenBuilt() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        assertEquals(List.of("defconfig", "all"), build("CONFIG_GREETING: hi"));
        assertEquals(List.of(), build("CONFIG_GREETING: hi"), "nothing changed: make is not run");
        Files.writeString(dir.resolve("core/new.c"), "int x;\n");
        Files.setLastModifiedTime(dir.resolve("core/new.c"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertEquals(List.of("all"), build("CONFIG_GREETING: hi"), "a file of the core was added: make decides");
        assertEquals(List.of(), build("CONFIG_GREETING: hi"));
        assertEquals(
                List.of("defconfig", "all"), build("CONFIG_GREETING: hello"), "a changed kconfig is configured again");
    }

    @Test
    void aFirstBuildWithTheInputsOfAnEarlierOneIsReusedOneWithOtherInputsIsBuilt() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        assertEquals(List.of("defconfig", "all"), build("CONFIG_GREETING: hi"));
        Path kernel = dir.resolve(".unikraft/build/hello_qemu-x86_64");
        String config = Files.readString(dir.resolve(".config.hello_qemu-x86_64"));
        forgetTheBuild();
        assertEquals(List.of(), build("CONFIG_GREETING: hi"), "the same inputs: the kept build, no make");
        assertEquals("kernel\n", Files.readString(kernel));
        assertEquals(config, Files.readString(dir.resolve(".config.hello_qemu-x86_64")));
        assertEquals(List.of(), build("CONFIG_GREETING: hi"), "and then a no-op");
        forgetTheBuild();
        assertEquals(List.of("defconfig", "all"), build("CONFIG_GREETING: hello"), "another kconfig value: built");
        forgetTheBuild();
        Files.writeString(dir.resolve("core/new.c"), "int x;\n");
        assertEquals(List.of("defconfig", "all"), build("CONFIG_GREETING: hello"), "another core: built");
    }

    /** What {@code kraft clean --proper} and removing the .config leave: a project never built. */
    private void forgetTheBuild() throws IOException {
        MoreFiles.deleteTree(dir.resolve(".unikraft/build"));
        Files.delete(dir.resolve(".config.hello_qemu-x86_64"));
    }

    @Test
    void aSourceEditedWhileMakeRanMakesTheNextBuildRunMakeAgain() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        editDuringMake = dir.resolve("core/edited.c");
        assertEquals(List.of("defconfig", "all"), build("CONFIG_GREETING: hi"));
        editDuringMake = null;
        assertEquals(List.of("all"), build("CONFIG_GREETING: hi"), "make may have read the file before the edit");
        assertEquals(List.of(), build("CONFIG_GREETING: hi"));
    }

    private List<String> build(String kconfig) throws IOException {
        Path kraftfile = dir.resolve("Kraftfile");
        String text = "spec: v0.6\nname: hello\nunikraft:\n  source: ./core\n  kconfig:\n    " + kconfig
                + "\ntargets: [qemu/x86_64]\n";
        if (!Files.exists(kraftfile) || !Files.readString(kraftfile).equals(text)) {
            Files.writeString(kraftfile, text);
            Files.setLastModifiedTime(kraftfile, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        Project project =
                new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        Workdir workdir = new Workdir(project);
        BuildOptions options =
                new BuildOptions(false, false, false, false, Optional.empty(), Optional.empty(), Map.of(), false);
        TargetPlan plan = BuildPlanner.plan(workdir, project.targets(), options).get(0);
        goals.clear();
        Console quiet = QuietConsole.create();
        new Builder(
                        new FakeMake(plan),
                        quiet,
                        Optional.empty(),
                        Map.of(),
                        new UpstreamArchives(dir.resolve("upstream")),
                        new ReusedBuilds(data.resolve("builds")))
                .build(workdir, plan, options);
        return List.copyOf(goals);
    }

    /** Records each goal and leaves what the real step leaves: the build dir's Makefile, the .config, the kernel. */
    private final class FakeMake implements Make {
        private final TargetPlan plan;

        FakeMake(TargetPlan plan) {
            this.plan = plan;
        }

        @Override
        public String print(MakeInvocation make) {
            goals.add(make.goal());
            return "";
        }

        @Override
        public void run(MakeInvocation make, Path log, Map<String, String> environment) {
            String goal = Path.of(make.goal()).getFileName().toString();
            goals.add(goal);
            try {
                switch (goal) {
                    case "defconfig" -> write(plan.configFile(), Defconfig.write(plan.kconfig()));
                    case "all" -> {
                        write(plan.kernel(), "kernel\n");
                        if (editDuringMake != null) {
                            write(editDuringMake, "int edited;\n");
                        }
                    }
                    default -> {}
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void runAttached(MakeInvocation make) {
            throw new AssertionError("no terminal here");
        }

        private void write(Path file, String text) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }
}
