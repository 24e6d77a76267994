package dev.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of docs/architecture.md, checked over the sources: a reference from one
 * package to another it may not use fails the build, and so does a cycle between any two
 * packages, sub-packages included, and a third-party library used outside the packages that own
 * it.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/kraft");
    /** A use of another package of ours: an import or a qualified name, {@code dev.kraft.pkg.oci.Images}. */
    private static final Pattern OURS = Pattern.compile("\\bdev\\.kraft\\.([a-z][a-z.]*[a-z])\\.[A-Z]");

    private static final Pattern LIBRARY = Pattern.compile(
            "\\b(picocli|ch\\.qos\\.logback|org\\.slf4j|org\\.eclipse\\.jgit|org\\.apache\\.sshd|org\\.apache\\.commons\\.compress"
                    + "|com\\.fasterxml\\.jackson|org\\.yaml\\.snakeyaml)\\.");

    /** A qualified name in code: {@code java.util.Locale.ROOT}, {@code dev.kraft.support.ExitCode.USAGE}. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.])((?:java|javax|dev\\.kraft|com\\.fasterxml|org\\.[a-z]+|picocli)(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");

    private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+)\\.(\\w+);", Pattern.MULTILINE);

    /** Which top-level packages each top-level package may use (itself always). */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry(
                    "cli",
                    Set.of(
                            "log",
                            "config",
                            "kraftfile",
                            "unikraft",
                            "pkg",
                            "builder",
                            "rootfs",
                            "machine",
                            "server",
                            "support")),
            Map.entry("log", Set.of("support")),
            Map.entry("config", Set.of("support")),
            Map.entry("kraftfile", Set.of("unikraft", "support")),
            Map.entry("unikraft", Set.of()),
            Map.entry("pkg", Set.of("unikraft", "support")),
            Map.entry("builder", Set.of("pkg", "kraftfile", "unikraft", "rootfs", "support", "log")),
            Map.entry("rootfs", Set.of("pkg", "unikraft", "support", "log")),
            Map.entry("machine", Set.of("unikraft", "support")),
            Map.entry("runtime", Set.of("machine", "pkg", "unikraft", "support")),
            Map.entry("runu", Set.of("runtime", "log", "config", "machine", "support")),
            Map.entry("server", Set.of("config", "support")),
            Map.entry("support", Set.of()));

    /** Which packages (with their sub-packages, when the entry ends in ".*") may use each library. */
    private static final Map<String, Set<String>> LIBRARY_OWNERS = Map.of(
            "picocli", Set.of("cli", "runu"),
            "ch.qos.logback", Set.of("log"),
            "org.slf4j", Set.of("log"),
            "org.eclipse.jgit", Set.of("pkg.source"),
            "org.apache.sshd", Set.of("pkg.source"),
            "org.apache.commons.compress", Set.of("support", "pkg.oci"),
            "com.fasterxml.jackson", Set.of("kraftfile", "config", "pkg.*", "machine", "machine.*", "runtime"),
            "org.yaml.snakeyaml", Set.of("kraftfile"));

    /** Package (relative to dev.kraft) → the packages of ours it uses, from every source file. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();
    /** Package → the libraries it uses, with the file that does. */
    private static final Map<String, Map<String, Path>> LIBRARIES = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String owner = relative.getParent().toString().replace('/', '.');
                String text = Files.readString(file);
                Set<String> used = USES.computeIfAbsent(owner, o -> new TreeSet<>());
                for (Matcher m = OURS.matcher(text); m.find(); ) {
                    if (!m.group(1).equals(owner)) {
                        used.add(m.group(1));
                    }
                }
                for (Matcher m = LIBRARY.matcher(text); m.find(); ) {
                    LIBRARIES.computeIfAbsent(owner, o -> new TreeMap<>()).putIfAbsent(m.group(1), relative);
                }
            }
        }
    }

    @Test
    void packagesOnlyUseWhatTheirArrowsAllow() {
        List<String> violations = new ArrayList<>();
        USES.forEach((owner, used) -> used.forEach(other -> {
            String from = top(owner);
            String to = top(other);
            if (!from.equals(to) && !MAY_USE.get(from).contains(to)) {
                violations.add(owner + " uses " + other);
            }
        }));
        assertEquals(List.of(), violations);
    }

    @Test
    void noTwoPackagesUseEachOtherEvenThroughOthers() {
        List<String> cycles = new ArrayList<>();
        for (String start : USES.keySet()) {
            cycleThrough(start).ifPresent(cycles::add);
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void librariesStayInTheirPackages() {
        List<String> violations = new ArrayList<>();
        LIBRARIES.forEach((owner, libraries) -> libraries.forEach((library, file) -> {
            if (LIBRARY_OWNERS.get(library).stream()
                    .noneMatch(allowed -> allowed.endsWith(".*")
                            ? owner.startsWith(allowed.substring(0, allowed.length() - 1))
                            : owner.equals(allowed))) {
                violations.add(file + " uses " + library);
            }
        }));
        assertEquals(List.of(), violations);
    }

    /** A name is imported once and then used bare; qualified only where the bare name means another class here. */
    @Test
    void qualifiedNamesOnlyWhereTheSimpleNameIsTaken() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Set<String> taken = new TreeSet<>();
                try (Stream<Path> siblings = Files.list(file.getParent())) {
                    siblings.map(f -> f.getFileName().toString())
                            .filter(n -> n.endsWith(".java"))
                            .forEach(n -> taken.add(n.substring(0, n.length() - 5)));
                }
                Map<String, String> imported = new TreeMap<>();
                for (Matcher m = IMPORT.matcher(text); m.find(); ) {
                    imported.put(m.group(2), m.group(1) + "." + m.group(2));
                }
                int number = 0;
                for (String line : text.split("\n")) {
                    number++;
                    String code = line.strip();
                    if (code.startsWith("import ")
                            || code.startsWith("package ")
                            || code.startsWith("*")
                            || code.startsWith("/")) {
                        continue;
                    }
                    for (Matcher m = QUALIFIED.matcher(code.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")); m.find(); ) {
                        String name = m.group(2);
                        String full = m.group(1) + "." + name;
                        if (!taken.contains(name) && full.equals(imported.getOrDefault(name, full))) {
                            violations.add(file + ":" + number + " " + full);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** A path of uses from the package back to itself, shortest first found (breadth first). */
    private static Optional<String> cycleThrough(String start) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>(USES.getOrDefault(start, Set.of()));
        USES.getOrDefault(start, Set.of()).forEach(next -> cameFrom.put(next, start));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            if (current.equals(start)) {
                List<String> path = new ArrayList<>(List.of(start));
                for (String at = cameFrom.get(start); !at.equals(start); at = cameFrom.get(at)) {
                    path.add(0, at);
                }
                path.add(0, start);
                return Optional.of(String.join(" -> ", path));
            }
            for (String next : USES.getOrDefault(current, Set.of())) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, current);
                    queue.addLast(next);
                }
            }
        }
        return Optional.empty();
    }

    private static String top(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }
}
