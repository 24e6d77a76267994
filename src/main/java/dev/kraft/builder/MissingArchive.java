package dev.kraft.builder;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ShellWords;
import dev.kraft.support.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream archive make could not download. Unikraft's fetch rule removes what wget left
 * and goes on, so the failure make reports is tar's {@code Cannot open} on
 * {@code <O>/<lib>/<file>}; the rule's {@code WGET <lib>: <url>} line above it says from where.
 * Read from the last run in the build log, so that the user learns what to supply, and how.
 */
record MissingArchive(String lib, String file, Optional<String> url) {
    private static final Pattern WGET = Pattern.compile("^\\s*WGET\\s+([^\\s:]+): (\\S+)");
    private static final Pattern CANNOT_OPEN =
            Pattern.compile("^tar(?: \\(child\\))?: (?:.*/)?([^/\\s]+)/([^/]+): Cannot open");

    /** The archive the last make run in {@code log} failed to open, if that is why it failed. */
    static Optional<MissingArchive> in(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("$ ")) {
                start = i;
                break;
            }
        }
        Map<String, String> urls = new HashMap<>();
        for (String line : lines.subList(start, lines.size())) {
            Matcher wget = WGET.matcher(line);
            if (wget.find()) {
                urls.put(wget.group(1), wget.group(2));
            }
            Matcher tar = CANNOT_OPEN.matcher(line);
            if (tar.find()) {
                return Optional.of(
                        new MissingArchive(tar.group(1), tar.group(2), Optional.ofNullable(urls.get(tar.group(1)))));
            }
        }
        return Optional.empty();
    }

    /**
     * The failure to report instead of make's {@code failed}: what is missing, from where, and the
     * command that supplies it, below make's own last lines.
     */
    KraftException failure(Path log, KraftException failed) {
        return new ToolFailure(
                ExitCode.FETCH_FAILED,
                lib + ": make could not download its upstream archive " + file
                        + url.map(u -> " from " + u).orElse("")
                        + " (offline, or the address is gone); get the file elsewhere, then add it"
                        + " to kraft's cache with: "
                        // The names come from a library's Makefile.uk: quoted, so the line is safe to paste.
                        + ShellWords.line(List.of("kraft", "pkg", "add-archive", lib, "PATH/" + file))
                        + " (full output in "
                        + log + ")",
                failed instanceof ToolFailure tool ? tool.output() : List.of());
    }
}
