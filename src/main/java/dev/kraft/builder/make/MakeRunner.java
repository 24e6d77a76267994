package dev.kraft.builder.make;

import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
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

/**
 * Runs make, keeps every line of its output in the build log, and shows progress. When make
 * fails the user sees the lines that say why first (errors), then the end of the output, and
 * the path of the full log.
 */
public final class MakeRunner implements Make {
    private static final int TAIL = 40;
    private final Processes processes;
    private final Console console;

    public MakeRunner(Processes processes, Console console) {
        this.processes = processes;
        this.console = console;
    }

    /** Runs make with some environment variables replaced (ccache's PATH and cache). */
    @Override
    public void run(MakeInvocation make, Path log, Map<String, String> environment) {
        console.debug("running " + make.commandLine());
        Deque<String> tail = new ArrayDeque<>();
        List<String> errors = new ArrayList<>();
        int status;
        try {
            Files.createDirectories(log.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                writer.write("$ " + make.commandLine() + "\n");
                status = processes.run(make.argv(), make.core(), environment, line -> {
                    write(writer, line);
                    remember(line, tail, errors);
                    console.progress(line);
                });
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write the build log " + log + ": " + e.getMessage(), e);
        }
        if (status != 0) {
            errors.forEach(console::raw);
            if (!errors.isEmpty()) {
                console.raw("--- last lines of make's output ---");
            }
            tail.forEach(console::raw);
            throw new KraftException(ExitCode.BUILD_FAILED, "make " + make.goal() + " failed (exit " + status
                    + "); full output in " + log);
        }
    }

    @Override
    public void runAttached(MakeInvocation make) {
        console.debug("running " + make.commandLine());
        int status = processes.runAttached(make.argv(), make.core());
        if (status != 0) {
            throw new KraftException(ExitCode.BUILD_FAILED, "make " + make.goal() + " failed (exit " + status + ")");
        }
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
