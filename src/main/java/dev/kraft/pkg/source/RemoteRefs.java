package dev.kraft.pkg.source;

import dev.kraft.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a git remote's refs pointed at when kraft last listed them, kept beside that remote's
 * cached commits in {@code git ls-remote}'s format ({@code <commit> TAB <ref>}). Listing a
 * remote is a network round trip per component on every build; remembering the answer, like the
 * package index, lets a build whose components are cached make no request at all, and lets it
 * resolve branches and tags offline.
 */
final class RemoteRefs {
    private static final String FILE = "refs";

    private RemoteRefs() {}

    /** A remote's refs (full ref name to the commit it peels to) and when they were listed. */
    record Listing(Map<String, String> refs, Instant listedAt) {}

    static Optional<Listing> read(Path remoteDir) {
        Path file = remoteDir.resolve(FILE);
        try {
            Instant listedAt = Files.getLastModifiedTime(file).toInstant();
            Map<String, String> refs = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    refs.put(line.substring(tab + 1), line.substring(0, tab));
                }
            }
            return Optional.of(new Listing(refs, listedAt));
        } catch (IOException e) {
            // Never listed (or unreadable): the remote is asked again.
            return Optional.empty();
        }
    }

    static void write(Path remoteDir, Map<String, String> refs) throws IOException {
        StringBuilder text = new StringBuilder();
        refs.forEach(
                (ref, commit) -> text.append(commit).append('\t').append(ref).append('\n'));
        Files.createDirectories(remoteDir);
        AtomicFiles.writeString(remoteDir.resolve(FILE), text.toString());
    }

    /** Forgets every remembered listing under the git cache, so the next resolve asks each remote. */
    static int forgetAll(Path cacheRoot) throws IOException {
        if (!Files.isDirectory(cacheRoot)) {
            return 0;
        }
        int forgotten = 0;
        try (var remotes = Files.list(cacheRoot)) {
            for (Path remote : (Iterable<Path>) remotes::iterator) {
                if (Files.deleteIfExists(remote.resolve(FILE))) {
                    forgotten++;
                }
            }
        }
        return forgotten;
    }
}
