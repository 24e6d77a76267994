package dev.kraft.builder.musl;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every source lib-musl would compile for this configuration, as make lists it ({@code make
 * print-srcs}: a {@code <lib>:} line, then the library's sources, a {@code |variant} after some),
 * after make evaluated the {@code Makefile.uk.musl.<dir>} files, their conditions and the
 * configuration. Sources every library lists (Unikraft's {@code EACHOLIB_SRCS}) are not the
 * library's. Each entry comes back to make in a list file, so it must be plain text that make
 * reads as one word without expanding anything, and name a file inside the library's trees.
 *
 * @param entries the library's sources, in make's order, as make printed them
 */
public record MuslSources(List<String> entries) {
    /**
     * A path and a variant name that read the same in every place Unikraft's make puts them: it
     * evaluates the list into rules ({@code $}, {@code %}, {@code =}, {@code :} and commas mean
     * something there) and splits it at whitespace.
     */
    private static final Pattern ENTRY = Pattern.compile("(/[A-Za-z0-9_./+@~-]+)(\\|[A-Za-z0-9_]+)?");
    /** Where a source of musl itself is: {@code .../src/<sub-library>/...}. */
    private static final Pattern SUB_LIBRARY = Pattern.compile("/src/([A-Za-z0-9_]+)/");

    public MuslSources {
        entries = List.copyOf(entries);
    }

    /**
     * The sources of {@code library} in {@code printed}, each a file under one of {@code trees};
     * refused (exit 2 would be wrong: the input is make's) as a build failure naming the entry.
     */
    public static MuslSources parse(String printed, String library, List<Path> trees) {
        Map<String, List<String>> sections = sections(printed);
        List<String> own = sections.get(library);
        if (own == null) {
            throw new KraftException(
                    ExitCode.BUILD_FAILED, "make print-srcs lists no sources of " + library + "; it cannot be trimmed");
        }
        Set<String> everyLibrary = new HashSet<>(own);
        sections.values().forEach(everyLibrary::retainAll);
        List<String> entries = new ArrayList<>();
        for (String entry : own) {
            if (sections.size() > 1 && everyLibrary.contains(entry)) {
                continue;
            }
            if (!ENTRY.matcher(entry).matches() || trees.stream().noneMatch(fileOf(entry)::startsWith)) {
                throw new KraftException(
                        ExitCode.BUILD_FAILED,
                        library + " lists the source " + entry
                                + ", which is not a plain path inside the library; it cannot be trimmed");
            }
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return new MuslSources(entries);
    }

    /** The file an entry compiles: its path without the variant. */
    public static Path fileOf(String entry) {
        Matcher m = ENTRY.matcher(entry);
        return Path.of(m.matches() ? m.group(1) : entry).normalize();
    }

    /** The sub-library an entry belongs to: the directory under musl's {@code src/}, else "glue". */
    public static String subLibraryOf(String entry) {
        Matcher m = SUB_LIBRARY.matcher(fileOf(entry).toString());
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found == null ? "glue" : found;
    }

    /** The entries of each sub-library, in first-seen order. */
    public Map<String, List<String>> bySubLibrary() {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        entries.forEach(e ->
                grouped.computeIfAbsent(subLibraryOf(e), k -> new ArrayList<>()).add(e));
        return grouped;
    }

    /** The {@code <lib>:} sections of print-srcs; words before the first header (make's step lines) are not sources. */
    private static Map<String, List<String>> sections(String printed) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : printed.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.matches("[A-Za-z0-9_]+:")) {
                current = sections.computeIfAbsent(trimmed.substring(0, trimmed.length() - 1), k -> new ArrayList<>());
            } else if (current != null && line.startsWith(" ")) {
                for (String word : trimmed.split("\\s+")) {
                    if (!word.isEmpty()) {
                        current.add(word);
                    }
                }
            }
        }
        return sections;
    }
}
