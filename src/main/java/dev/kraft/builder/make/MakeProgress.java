package dev.kraft.builder.make;

import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import dev.kraft.support.Progress;
import dev.kraft.support.ProgressSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far one make call got, from the step lines Unikraft's make prints ({@code   CC
 * libfoo: bar.o}): the build counts its compiled files against the sources {@code make
 * print-srcs} lists. Asking make for that list reads every Makefile.uk again (a second or two
 * of CPU for Unikraft), so it is asked only once the build has run for a while, beside it: a
 * no-op build never pays for it. It runs at the lowest priority ({@code nice -n 19}), so on a
 * machine the build keeps busy it takes only what the build leaves idle: asked at the default
 * priority, it took one of two cores from the compilers for over a second of a first build of
 * Unikraft's helloworld (8 s in all). Every make call shows its latest line and its time.
 */
final class MakeProgress implements Consumer<String>, AutoCloseable {
    /** A step line: two blanks, an upper-case label, blanks, what it made. */
    static final Pattern STEP = Pattern.compile("^ {2}([A-Z][A-Z0-9]*) +\\S.*");
    /** The labels of steps that compile one source each, as Unikraft's Makefile.rules names them. */
    private static final Set<String> COMPILES = Set.of("CC", "CXX", "AS", "LDS", "RUSTC", "DTC");
    /** Sources that compile to nothing (headers and Unikraft's own listing files). */
    private static final Pattern NOT_COMPILED = Pattern.compile(".*\\.(h|hh|hp|hpp|H|HPP|in|uk)$");

    private static final Duration COUNT_AFTER = Duration.ofSeconds(3);
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(600);
    private static final List<String> LOWEST_PRIORITY = List.of("nice", "-n", "19");
    private final Progress progress;
    private final Thread counter;
    private volatile long total = -1;
    private long compiled;

    private MakeProgress(Progress progress, Processes processes, Optional<MakeInvocation> printSrcs) {
        this.progress = progress;
        this.counter = printSrcs
                .map(list -> {
                    Thread thread = new Thread(() -> countSources(processes, list), "kraft-make-srcs");
                    thread.setDaemon(true);
                    thread.start();
                    return thread;
                })
                .orElse(null);
    }

    /** The progress of one make call; the build goal also counts its files against {@code print-srcs}. */
    static MakeProgress start(ProgressSink sink, Processes processes, MakeInvocation make) {
        String name =
                make.variables().getOrDefault("N", make.core().getFileName().toString());
        Progress progress = sink.start(verb(make.goal()) + " " + name, Progress.Unit.FILES);
        return new MakeProgress(
                progress,
                processes,
                make.goal().equals("all")
                        ? Optional.of(make.withGoal("print-srcs", Optional.empty()))
                        : Optional.empty());
    }

    @Override
    public void accept(String line) {
        Matcher step = STEP.matcher(line);
        if (step.matches() && COMPILES.contains(step.group(1))) {
            compiled++;
            long known = total;
            progress.update(known > 0 ? Math.min(compiled, known) : compiled, known);
        }
        progress.detail(line);
    }

    @Override
    public void close() {
        if (counter != null) {
            counter.interrupt();
        }
        progress.close();
    }

    /** The number of sources {@code print-srcs} lists, found beside the build once it has run a while. */
    private void countSources(Processes processes, MakeInvocation printSrcs) {
        try {
            Thread.sleep(COUNT_AFTER.toMillis());
            List<String> argv = new ArrayList<>(LOWEST_PRIORITY);
            argv.addAll(printSrcs.argv());
            Processes.Captured listed = processes.capture(argv, printSrcs.core(), new byte[0], COUNT_TIMEOUT);
            if (listed.status() == 0) {
                sources(listed.stdout()).ifPresent(n -> total = n);
            }
        } catch (InterruptedException | KraftException e) {
            // The build ended first, or make cannot list its sources: the count goes on without a total.
        }
    }

    /**
     * The sources in {@code print-srcs}'s answer: Unikraft prints {@code lib:} headers and the
     * sources below them ({@code file.c|variant} compiles once per variant), the test core one
     * line of sources; a step line make prints first ({@code LN Makefile}) is not one.
     */
    static OptionalLong sources(String printed) {
        long count = 0;
        for (String line : printed.split("\n")) {
            if (STEP.matcher(line).matches()) {
                continue;
            }
            for (String word : line.trim().split("\\s+")) {
                String file = word.contains("|") ? word.substring(0, word.indexOf('|')) : word;
                if (!file.isEmpty()
                        && !file.endsWith(":")
                        && !NOT_COMPILED.matcher(file).matches()) {
                    count++;
                }
            }
        }
        return count > 0 ? OptionalLong.of(count) : OptionalLong.empty();
    }

    private static String verb(String goal) {
        return switch (goal) {
            case "all" -> "compiling";
            case "prepare" -> "preparing";
            case "defconfig" -> "configuring";
            case "fetch" -> "fetching";
            default -> goal.endsWith("/Makefile") ? "setting up the build directory of" : "make " + goal;
        };
    }
}
