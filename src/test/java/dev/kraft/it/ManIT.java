package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManIT {
    @TempDir
    Path tmp;

    @Test
    void manPagesAreWrittenForEveryCommandAndRender() throws Exception {
        Path dir = tmp.resolve("man1");
        KraftCli.Result written =
                new KraftCli(Files.createDirectories(tmp.resolve("home"))).run(tmp, "man", dir.toString());
        assertEquals(0, written.exit(), written::toString);
        for (String page : List.of(
                "kraft.1", "kraft-build.1", "kraft-run.1", "kraft-ps.1", "kraft-net-create.1", "kraft-pkg-pull.1")) {
            assertTrue(Files.isRegularFile(dir.resolve(page)), page + " in " + written.out());
        }
        KraftCli.Result rendered = KraftCli.Result.of(
                List.of("man", "-l", dir.resolve("kraft-build.1").toString()),
                tmp,
                Map.of("PATH", System.getenv("PATH"), "MANWIDTH", "80", "MANPAGER", "cat", "PAGER", "cat"),
                tmp,
                60);
        assertEquals(0, rendered.exit(), rendered::toString);
        assertTrue(rendered.out().contains("kraft-build - Configure and build a unikernel"), rendered::toString);
        assertTrue(rendered.out().contains("kraft build --dry-run"), "examples come from --help: " + rendered);
        for (String section : List.of("DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO")) {
            assertTrue(rendered.out().lines().anyMatch(l -> l.equals(section)), section + " in " + rendered);
        }
        assertTrue(rendered.out().contains("the hypervisor is there but may not be executed"), rendered::toString);
    }
}
