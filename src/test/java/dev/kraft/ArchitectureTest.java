package dev.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of ARCHITECTURE.md, checked over the sources: a reference from one
 * package to another it may not import fails the build, and so does a third-party library
 * used outside the package that owns it.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/kraft");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.kraft|picocli|ch\\.qos\\.logback|org\\.eclipse\\.jgit|org\\.apache\\.sshd|org\\.apache\\.commons\\.compress|com\\.fasterxml\\.jackson|org\\.yaml\\.snakeyaml)\\.?([a-z]*)");

    /** Which top-level packages each package may use (itself always). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "cli", Set.of("log", "config", "kraftfile", "unikraft", "pkg", "build", "machine", "support"),
            "log", Set.of("support"),
            "config", Set.of("support"),
            "kraftfile", Set.of("unikraft", "support"),
            "unikraft", Set.of(),
            "pkg", Set.of("unikraft", "support"),
            "build", Set.of("pkg", "kraftfile", "unikraft", "support", "log"),
            "machine", Set.of("unikraft", "support"),
            "support", Set.of());

    /** Which packages may use each library. */
    private static final Map<String, Set<String>> LIBRARY_OWNERS = Map.of(
            "picocli", Set.of("cli"),
            "ch.qos.logback", Set.of("log"),
            "org.eclipse.jgit", Set.of("pkg"),
            "org.apache.sshd", Set.of("pkg"),
            "org.apache.commons.compress", Set.of("support", "pkg"),
            "com.fasterxml.jackson", Set.of("kraftfile", "config", "pkg", "machine"),
            "org.yaml.snakeyaml", Set.of("kraftfile"));

    @Test
    void packagesOnlyUseWhatTheirArrowsAllow() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String owner = relative.getName(0).toString();
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    String root = reference.group(1);
                    if (root.equals("dev.kraft")) {
                        String used = reference.group(2);
                        if (!used.isEmpty() && !used.equals(owner) && MAY_USE.containsKey(used) && !MAY_USE.get(owner).contains(used)) {
                            violations.add(relative + " uses " + used);
                        }
                    } else if (!LIBRARY_OWNERS.get(root).contains(owner)) {
                        violations.add(relative + " uses " + root);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
