package dev.kraft.cli;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of a new Unikraft microlibrary ({@code kraft lib create}), what KraftKit's template
 * writes: Config.uk and Makefile.uk (registered as {@code addlib_s}, its upstream fetched and
 * patched as Unikraft's libraries do), a README, a {@code main.c} unless asked not, a
 * {@code patches/} directory if asked, and a git repository with a first commit if asked.
 */
final class LibraryScaffold {
    /** What the library is called and who wrote it. */
    record Library(
            String project,
            String name,
            String kname,
            String version,
            String description,
            String author,
            String email,
            String origin,
            boolean cMain,
            boolean patches,
            String copyrightHolder,
            int year) {
        String symbol() {
            return kname.toUpperCase(Locale.ROOT);
        }
    }

    private LibraryScaffold() {}

    /** Writes the library into {@code dir}/{@code project}, which must not exist yet; answers that directory. */
    static Path write(Path dir, Library library) {
        Path root = dir.resolve(library.project()).normalize();
        if (Files.exists(root)) {
            throw new KraftException(ExitCode.STATE, root + " exists already; choose another name or --project-path");
        }
        try {
            Files.createDirectories(root);
            write(root.resolve("Config.uk"), configUk(library));
            write(root.resolve("Makefile.uk"), makefileUk(library));
            write(
                    root.resolve("README.md"),
                    "# " + library.project() + " for Unikraft\n\n"
                            + (library.description().isEmpty() ? "" : library.description() + "\n\n")
                            + "A Unikraft library. Add it to a project with `kraft lib add " + root.getFileName()
                            + "`; enable it with "
                            + "`CONFIG_" + library.symbol() + "=y`.\n");
            if (library.cMain()) {
                write(
                        root.resolve("main.c"),
                        "/* SPDX-License-Identifier: BSD-3-Clause */\n/* " + library.project()
                                + " for Unikraft. Copyright (c) " + library.year() + ", " + library.copyrightHolder()
                                + ". */\n\n"
                                + "int main(int argc, char *argv[])\n{\n\t/* The application's entry point. */\n\t(void) argc;\n\t(void) argv;\n"
                                + "\treturn 0;\n}\n");
            }
            if (library.patches()) {
                Files.createDirectories(root.resolve("patches"));
            }
            return root;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot write the library in " + root + ": " + e.getMessage(), e);
        }
    }

    /** {@code git init} on the initial branch, and a first commit of everything by the library's author. */
    static void gitInit(Processes processes, Path root, Library library, String branch) {
        List<List<String>> steps = List.of(
                List.of("git", "init", "-q", "-b", branch),
                List.of("git", "add", "."),
                List.of(
                        "git",
                        "-c",
                        "user.name=" + library.author(),
                        "-c",
                        "user.email=" + library.email(),
                        "commit",
                        "-q",
                        "-m",
                        "Initial commit of " + library.name()));
        for (List<String> step : steps) {
            List<String> output = new ArrayList<>();
            if (processes.run(step, root, output::add) != 0) {
                throw new KraftException(
                        ExitCode.FAILURE,
                        String.join(" ", step) + " failed in " + root + ": " + String.join("; ", output));
            }
        }
    }

    private static String configUk(Library library) {
        StringBuilder text = new StringBuilder("menuconfig ")
                .append(library.symbol())
                .append('\n')
                .append("\tbool \"")
                .append(
                        library.description().isEmpty()
                                ? library.project() + " Unikraft library"
                                : library.description())
                .append("\"\n\tdefault n\n");
        if (library.cMain()) {
            text.append("\nif ")
                    .append(library.symbol())
                    .append("\n\nconfig ")
                    .append(library.symbol())
                    .append("_MAIN_FUNCTION\n")
                    .append("\tbool \"Provide main function\"\n\tdefault n\n\nendif\n");
        }
        return text.toString();
    }

    private static String makefileUk(Library library) {
        String symbol = library.symbol();
        StringBuilder text = new StringBuilder("# SPDX-License-Identifier: BSD-3-Clause\n# ")
                .append(
                        library.description().isEmpty()
                                ? library.project() + " Unikraft library"
                                : library.description())
                .append('\n')
                .append("# Authors: ")
                .append(library.author())
                .append(library.email().isEmpty() ? "" : " <" + library.email() + ">")
                .append('\n')
                .append("# Copyright (c) ")
                .append(library.year())
                .append(", ")
                .append(library.copyrightHolder())
                .append(".\n\n")
                .append("$(eval $(call addlib_s,")
                .append(library.kname())
                .append(",$(CONFIG_")
                .append(symbol)
                .append(")))\n\n")
                .append(symbol)
                .append("_VERSION = ")
                .append(library.version())
                .append('\n');
        if (!library.origin().isEmpty()) {
            text.append(symbol)
                    .append("_URL = ")
                    .append(library.origin())
                    .append('\n')
                    .append(symbol)
                    .append("_SUBDIR = ")
                    .append(library.project())
                    .append("-$(")
                    .append(symbol)
                    .append("_VERSION)\n");
            if (library.patches()) {
                text.append(symbol)
                        .append("_PATCHDIR = $(")
                        .append(symbol)
                        .append("_BASE)/patches\n")
                        .append("$(eval $(call patch,")
                        .append(library.kname())
                        .append(",$(")
                        .append(symbol)
                        .append("_PATCHDIR),$(")
                        .append(symbol)
                        .append("_SUBDIR)))\n");
            }
            text.append("$(eval $(call fetch,")
                    .append(library.kname())
                    .append(",$(")
                    .append(symbol)
                    .append("_URL)))\n")
                    .append(symbol)
                    .append("_SRC = $(")
                    .append(symbol)
                    .append("_ORIGIN)/$(")
                    .append(symbol)
                    .append("_SUBDIR)\n");
        }
        if (library.cMain()) {
            text.append("\n")
                    .append(symbol)
                    .append("_SRCS-$(CONFIG_")
                    .append(symbol)
                    .append("_MAIN_FUNCTION) += $(")
                    .append(symbol)
                    .append("_BASE)/main.c\n");
        }
        return text.toString();
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }
}
