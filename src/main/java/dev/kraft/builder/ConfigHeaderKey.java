package dev.kraft.builder;

import dev.kraft.support.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets ccache's direct mode, which never runs the preprocessor, hit across project directories.
 * Almost every Unikraft source includes {@code config.h}, and direct mode hashes the content of
 * every header a source includes, so the two absolute paths in it ({@link PathMacroFilter#MACROS})
 * made every such source miss there and fall back to preprocessing: for a second musl project,
 * half of its 1,376 sources, and 30 of its 77 seconds. Instead ccache is told to leave {@code
 * config.h} out ({@code CCACHE_IGNOREHEADERS}) and to hash this key in its place ({@code
 * CCACHE_EXTRAFILES}): {@code config.h} without those two definitions, so any other change of the
 * configuration still misses. KraftKit too treats those two options as the host's, not the
 * kernel's.
 *
 * <p>Only when that is safe: {@code config.h} is current (no older than the configuration make
 * reads, so make will not write it again during the build, and the key cannot describe an old
 * configuration), and no source the build compiles uses either macro ({@link PathMacroScan}), since
 * such a source holds the project's path in its object and a direct hit would hand it the path of
 * the project that filled the cache. Otherwise the build goes without the key, as before.
 */
record ConfigHeaderKey(Path header, Path key) {
    /** Where Unikraft's make writes config.h (and the test core, which follows it). */
    static final Path HEADER = Path.of("include", "uk", "bits", "config.h");

    /**
     * The key for a build, written to {@code key} (rewritten only when it changes), when the
     * build dir's config.h is current with {@code config}.
     */
    static Optional<ConfigHeaderKey> write(Path buildDir, Path config, Path key) throws IOException {
        Path header = buildDir.resolve(HEADER);
        // ccache reads both variables as ':'-separated lists.
        if (Ccache.realPath(buildDir).toString().contains(File.pathSeparator)
                || key.toAbsolutePath().toString().contains(File.pathSeparator)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(header)
                || !Files.isRegularFile(config)
                || Files.getLastModifiedTime(header).compareTo(Files.getLastModifiedTime(config)) < 0) {
            return Optional.empty();
        }
        String content = withoutPathMacros(Files.readString(header, StandardCharsets.UTF_8));
        if (!Files.isRegularFile(key)
                || !Files.readString(key, StandardCharsets.UTF_8).equals(content)) {
            AtomicFiles.writeString(key, content);
        }
        return Optional.of(new ConfigHeaderKey(header, key));
    }

    static String withoutPathMacros(String header) {
        return header.lines()
                .filter(line ->
                        PathMacroFilter.MACROS.stream().noneMatch(macro -> line.startsWith("#define " + macro + " ")))
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    /**
     * ccache's variables, depend mode among them: with config.h keyed, no source needs the
     * preprocessor to hit in another project (see {@link Ccache}). ccache names config.h in its
     * manifests relative to the directory the compiler runs in when that is inside its base
     * directory, else absolutely; make compiles in the build dir (Unikraft) or in the core (the
     * test core), so every form is listed.
     */
    Map<String, String> ccacheVariables(List<Path> compileDirs) {
        Set<String> forms = new LinkedHashSet<>();
        Path real = Ccache.realPath(header);
        for (Path dir : compileDirs) {
            forms.add(Ccache.realPath(dir).relativize(real).toString());
        }
        forms.add(real.toString());
        return Map.of(
                "CCACHE_IGNOREHEADERS",
                String.join(":", forms),
                "CCACHE_EXTRAFILES",
                key.toString(),
                "CCACHE_DEPEND",
                "1");
    }
}
