package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code kraft build --print-stats}: KraftKit's statistics of a built kernel, the lines of
 * source code that reached it, counted as KraftKit counts them: the distinct source lines
 * {@code objdump -dl} names in the kernel's debug image ({@code <kernel>.dbg}).
 */
final class BuildStatistics {
    private static final Pattern DISCRIMINATOR = Pattern.compile(" [(]discriminator [0-9]+[)]");

    private BuildStatistics() {}

    static void print(Processes processes, Console console, Path kernel) {
        Path debug = kernel.resolveSibling(kernel.getFileName() + ".dbg");
        if (!Files.isRegularFile(debug)) {
            console.warn("no " + debug.getFileName() + " beside the kernel; no statistics");
            return;
        }
        Set<String> lines = new HashSet<>();
        int exit = processes.run(List.of("objdump", "-dl", debug.toString()), debug.getParent(), line -> {
            if (line.startsWith("/") && !line.startsWith("//") && !line.startsWith("/*")) {
                lines.add(DISCRIMINATOR.matcher(line).replaceAll(""));
            }
        });
        if (exit != 0) {
            console.warn("objdump -dl " + debug.getFileName() + " failed (exit " + exit + "); no statistics");
            return;
        }
        console.info("statistics " + kernel.getFileName(), "lines of code", lines.size());
    }
}
