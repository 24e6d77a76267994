package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.pkg.PackageManager;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is placed under .unikraft/ is what the Kraftfile asks for now, and only that is fetched. */
class ComponentPlacerTest {
    @TempDir
    Path dir;

    private final List<String> fetched = new ArrayList<>();

    @Test
    void aPlacedTreeIsKeptOnlyWhileItIsTheVersionAskedFor() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        assertEquals("1.0", place("1.0"));
        assertEquals("1.0", place("1.0"));
        assertEquals(List.of("greet 1.0"), fetched, "an unchanged version is not fetched again");
        assertEquals("2.0", place("2.0"), "another version replaces the placed tree");
        assertEquals(List.of("greet 1.0", "greet 2.0"), fetched);
    }

    private String place(String version) throws IOException {
        Files.writeString(
                dir.resolve("Kraftfile"),
                "spec: v0.6\nname: hello\nunikraft: ./core\nlibraries:\n  greet: " + version
                        + "\ntargets: [qemu/x86_64]\n");
        Project project =
                new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        Workdir workdir = new Workdir(project);
        Console quiet = QuietConsole.create();
        new ComponentPlacer(new FakePackages(), quiet)
                .placeAll(
                        workdir,
                        new BuildOptions(
                                false, false, false, false, Optional.empty(), Optional.empty(), Map.of(), false));
        return Files.readString(workdir.unikraftDir().resolve("libs/greet/VERSION"));
    }

    /** Each version of a library is a tree whose VERSION file names it. */
    private final class FakePackages implements PackageManager {
        @Override
        public ResolvedPackage resolve(PackageRequest request) {
            String version = request.version().orElseThrow();
            return new ResolvedPackage(
                    request,
                    "https://example.org/" + request.name() + ".git",
                    version,
                    "refs/tags/" + version,
                    "0123456789abcdef0123456789abcdef0123456" + version.charAt(0));
        }

        @Override
        public void copy(ResolvedPackage resolved, Path target) {
            fetched.add(resolved.request().name() + " " + resolved.version());
            try {
                Files.writeString(Files.createDirectories(target).resolve("VERSION"), resolved.version());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
