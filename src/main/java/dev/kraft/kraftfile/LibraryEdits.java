package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Adds and removes entries of {@code libraries}, touching no other line. */
final class LibraryEdits {
    private LibraryEdits() {}

    /** @param entry the library's lines, the first being {@code name: …}, the others one step deeper */
    static void add(YamlDoc doc, String name, List<String> entry) {
        Optional<YamlPlace> libraries = doc.root().child("libraries");
        if (libraries.isEmpty()) {
            List<String> block = new ArrayList<>(List.of("libraries:"));
            entry.forEach(line -> block.add(doc.pad(1) + line));
            doc.root().append(doc.unit(), block);
            return;
        }
        libraries.get().child(name).ifPresent(existing -> {
            throw new KraftException(
                    ExitCode.USAGE,
                    "library " + Quoted.of(name) + " is already in the Kraftfile (" + existing.at()
                            + "); remove it first to change it");
        });
        doc.root().child("libraries").orElseThrow().append(doc.unit(), entry);
    }

    /**
     * Deletes the library's lines: its key through its last line. Comments just before the next
     * library stay with it. The last library takes {@code libraries:} with it, since an empty
     * {@code libraries} would not load.
     */
    static void remove(YamlDoc doc, String name) {
        YamlPlace libraries = doc.root()
                .child("libraries")
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND,
                        "library " + Quoted.of(name) + " is not in the Kraftfile (it has no libraries)"));
        libraries.requireBlock();
        YamlPlace library = libraries
                .child(name)
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND,
                        "library " + Quoted.of(name) + " is not in the Kraftfile (libraries: " + names(libraries)
                                + ")"));
        boolean only = libraries.node() instanceof MapNode map && map.entries().size() == 1;
        YamlPlace gone = only ? libraries : library;
        doc.lines().delete(gone.line(), gone.last());
    }

    private static String names(YamlPlace libraries) {
        return libraries.node() instanceof MapNode map
                ? String.join(
                        ", ", map.entries().stream().map(YamlNode.Entry::key).toList())
                : "none";
    }
}
