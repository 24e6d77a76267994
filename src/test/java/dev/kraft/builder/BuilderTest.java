package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.builder.make.Make;
import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final List<String> goals = new ArrayList<>();

    @Test
    void aChangedConfigurationIsConfiguredAndPreparedAgainAnUnchangedOneOnlyBuilt() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        assertEquals(List.of("Makefile", "defconfig", "prepare", "all"), build("CONFIG_GREETING: hi"));
        assertEquals(List.of("all"), build("CONFIG_GREETING: hi"), "nothing changed: make all only");
        assertEquals(List.of("defconfig", "prepare", "all"), build("CONFIG_GREETING: hello"),
                "a changed kconfig is configured again, and prepared again though the kernel exists");
    }

    private List<String> build(String kconfig) throws IOException {
        Files.writeString(dir.resolve("Kraftfile"), "spec: v0.6\nname: hello\nunikraft:\n  source: ./core\n  kconfig:\n    "
                + kconfig + "\ntargets: [qemu/x86_64]\n");
        Project project = new KraftfileLoader(dir, dir, Map.of(), warning -> { }).load(Optional.empty(), Optional.empty());
        Workdir workdir = new Workdir(project);
        BuildOptions options = new BuildOptions(false, false, false, false, Optional.empty(), Optional.empty(), Map.of());
        TargetPlan plan = BuildPlanner.plan(workdir, project.targets(), options).get(0);
        goals.clear();
        Console quiet = new Console(LogType.BASIC, LogLevel.ERROR, false, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        new Builder(new FakeMake(plan), quiet, Optional.empty(), Map.of(), new UpstreamArchives(dir.resolve("upstream")))
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
        public void run(MakeInvocation make, Path log, Map<String, String> environment) {
            String goal = Path.of(make.goal()).getFileName().toString();
            goals.add(goal);
            try {
                switch (goal) {
                    case "Makefile" -> write(Path.of(make.goal()), "# bootstrapped\n");
                    case "defconfig" -> write(plan.configFile(), Defconfig.write(plan.kconfig()));
                    case "all" -> write(plan.kernel(), "kernel\n");
                    default -> { }
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
