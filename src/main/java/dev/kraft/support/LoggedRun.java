package dev.kraft.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a tool whose output belongs in a log file (make, buildah, buildctl): every line goes to
 * the log, each to a progress sink, and the run remembers what a user needs when it fails: the
 * lines that say "error" and the last lines of all.
 */
public final class LoggedRun {
    private static final int TAIL = 40;

    private LoggedRun() {}

    /** How a run ended, with the lines worth showing when it failed. */
    public record Outcome(int status, List<String> errors, List<String> tail) {
        public boolean failed() {
            return status != 0;
        }

        /** The error lines, a separator, then the tail: what to print above a failure's one-line message. */
        public List<String> report(String tool) {
            List<String> lines = new ArrayList<>(errors);
            if (!errors.isEmpty()) {
                lines.add("--- last lines of " + tool + "'s output ---");
            }
            lines.addAll(tail);
            return lines;
        }
    }

    /** Appends {@code $ commandLine} and the run's merged output to log. */
    public static Outcome run(
            Processes processes,
            List<String> argv,
            Path dir,
            Map<String, String> environment,
            String commandLine,
            Path log,
            Consumer<String> progress) {
        Deque<String> tail = new ArrayDeque<>();
        List<String> errors = new ArrayList<>();
        int status;
        try {
            Files.createDirectories(log.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(
                    log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                writer.write("$ " + commandLine + "\n");
                status = processes.run(argv, dir, environment, line -> {
                    write(writer, line);
                    remember(line, tail, errors);
                    progress.accept(line);
                });
            }
        } catch (IOException | UncheckedIOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write the log " + log + ": " + e.getMessage(), e);
        }
        return new Outcome(status, List.copyOf(errors), List.copyOf(tail));
    }

    private static void write(BufferedWriter writer, String line) {
        try {
            writer.write(line);
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void remember(String line, Deque<String> tail, List<String> errors) {
        tail.addLast(line);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if ((lower.contains("error") || lower.contains("*** ")) && errors.size() < TAIL) {
            errors.add(line);
        }
    }
}
