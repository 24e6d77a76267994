package dev.kraft.builder.musl;

import dev.kraft.builder.make.Make;
import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.log.Console;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds only the sources of lib-musl the kernel links against, as an archive would: Unikraft
 * links every object a library compiles, but musl is written for archive linking (one function
 * per file; weak dummies that the real definition replaces only when something needs it).
 * lib-musl's make is given the chosen sources in place of its own list ({@code LIBMUSL_SRCS-y},
 * read from a file kraft writes; the library's tree is not changed, its headers all stay); when
 * the link fails, the files that define the symbols it could not find are added, and make runs
 * again, compiling only those, until the link closes. The chosen list is kept beside the build,
 * so the next build starts from it, and a link that later needs more grows it the same way. A
 * symbol no source is known to define makes it give up and build every source, as without it.
 * A symbol another library defines weakly and the kernel uses, where a musl source defines it
 * too ({@link WeakDefinitions}), adds that source, and the link runs again: an untrimmed kernel
 * gets musl's definition of such a symbol, and so does a trimmed one.
 */
public final class MuslTrimming {
    /** The library lib-musl registers, and the variable its sub-libraries add their sources to. */
    public static final String LIBRARY = "libmusl";

    private static final String VARIABLE = "LIBMUSL_SRCS-y";
    /** How lib-musl names the makefiles of its sub-libraries. */
    private static final String SUB_LIBRARY_MAKEFILE = "Makefile.uk.musl.";

    private final List<Path> trees;
    /** lib-musl 0.16's whole list is about 90 KiB. */
    private static final long MAX_CHOSEN_BYTES = 1 << 20;

    private final Path chosenFile;
    private final Console console;
    /** musl's sources by the symbols they define, read when a build first needs it. */
    private SymbolIndex index;

    private MuslTrimming(List<Path> trees, Path chosenFile, Console console) {
        this.trees = List.copyOf(trees);
        this.chosenFile = chosenFile;
        this.console = console;
    }

    /**
     * The trimming of the first of {@code libraryDirs} laid out as lib-musl (a Makefile.uk and
     * {@code Makefile.uk.musl.<dir>} files), whose sources make unpacks under {@code outdir};
     * the chosen list is kept in {@code chosenFile}.
     */
    public static Optional<MuslTrimming> find(List<Path> libraryDirs, Path outdir, Path chosenFile, Console console) {
        return libraryDirs.stream()
                .filter(MuslTrimming::laidOutAsMusl)
                .findFirst()
                .map(dir -> new MuslTrimming(
                        List.of(absolute(dir), absolute(outdir).resolve(LIBRARY)), chosenFile, console));
    }

    /** The build call with the chosen sources in place of lib-musl's own list. */
    public MakeInvocation trimmed(MakeInvocation build) {
        return build.withFileVariable(VARIABLE, chosenFile);
    }

    /** Whether a chosen list is kept from an earlier build (the build call reads it). */
    public boolean chosenBefore() {
        return Files.isRegularFile(chosenFile);
    }

    /** What a trimmed build compiled of what lib-musl offers; {@code gaveUp} when it compiled all. */
    private record Outcome(MuslSources available, List<String> chosen, boolean gaveUp) {}

    /**
     * Builds with {@code run} (make, throwing when it fails) until the link closes, and reports
     * what it compiled; reads the linker's complaints from what {@code log} gains during each run.
     */
    public void build(MakeInvocation build, Make make, Consumer<MakeInvocation> run, Path log) {
        MuslSources available =
                MuslSources.parse(make.print(build.withGoal("print-srcs", Optional.empty())), LIBRARY, trees);
        Set<String> before = previous();
        List<String> chosen = inOrder(available, before);
        if (!chosenBefore() || !chosen.containsAll(before)) {
            forgetLinked();
        }
        boolean gaveUp = false;
        while (true) {
            keep(chosen);
            long logged = size(log);
            Set<String> more;
            try {
                run.accept(trimmed(build));
                more = gaveUp ? Set.of() : definersBesides(chosen, available, weakElsewhere());
                if (more.isEmpty()) {
                    report(new Outcome(available, chosen, gaveUp));
                    return;
                }
                console.debug(LIBRARY + ": " + more.size()
                        + " more source(s) define what another library defines weakly and the kernel uses");
            } catch (KraftException failure) {
                Set<String> undefined = UndefinedSymbols.in(readFrom(log, logged));
                if (gaveUp || undefined.isEmpty()) {
                    throw failure;
                }
                more = definersBesides(chosen, available, undefined);
                if (more.isEmpty()) {
                    if (chosen.size() == available.entries().size()) {
                        throw failure;
                    }
                    console.warn("not trimming " + LIBRARY + ": no source left is known to define "
                            + String.join(", ", first(undefined)) + "; building all "
                            + available.entries().size() + " of its sources");
                    gaveUp = true;
                    chosen = available.entries();
                    continue;
                }
                // The other libraries are compiled by now: what replaces their weak stand-ins joins this round.
                Set<String> replacing = definersBesides(chosen, available, weakElsewhere());
                replacing.removeAll(more);
                console.debug(
                        LIBRARY + ": the link needs " + more.size() + " more source(s)",
                        "symbols",
                        String.join(",", first(undefined)),
                        "replacing_weak",
                        replacing.size());
                more.addAll(replacing);
            }
            Set<String> grown = new LinkedHashSet<>(chosen);
            grown.addAll(more);
            chosen = inOrder(available, grown);
        }
    }

    /** The sources that define any of {@code symbols}, but those chosen already; musl's sources are indexed once. */
    private Set<String> definersBesides(List<String> chosen, MuslSources available, Set<String> symbols) {
        if (index == null) {
            index = SymbolIndex.of(available.entries(), trees);
        }
        Set<String> definers = new LinkedHashSet<>();
        for (String symbol : symbols) {
            definers.addAll(index.definers(symbol));
        }
        chosen.forEach(definers::remove);
        return definers;
    }

    /** The symbols the other libraries leave to musl weakly ({@link WeakDefinitions}). */
    private Set<String> weakElsewhere() {
        Path outdir = outdir();
        try {
            return WeakDefinitions.replaceable(outdir, LIBRARY);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot read the objects in " + outdir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes what Unikraft linked the library's objects into ({@code libmusl.o}, {@code
     * libmusl.ld.o}): it relinks them only when an object is newer, so a list that lost a source
     * (the first trimmed build after a full one) would keep the old objects in the kernel.
     */
    private void forgetLinked() {
        Path outdir = outdir();
        try {
            Files.deleteIfExists(outdir.resolve(LIBRARY + ".o"));
            Files.deleteIfExists(outdir.resolve(LIBRARY + ".ld.o"));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot remove the linked " + LIBRARY + " in " + outdir + ": " + e.getMessage(),
                    e);
        }
    }

    /** One line: the sources compiled of those lib-musl offers, in all and per sub-library. */
    private void report(Outcome outcome) {
        List<Object> fields = new ArrayList<>(List.of(
                "compiled",
                outcome.chosen().size(),
                "available",
                outcome.available().entries().size()));
        Set<String> chosen = new LinkedHashSet<>(outcome.chosen());
        new TreeMap<>(outcome.available().bySubLibrary()).forEach((subLibrary, entries) -> {
            fields.add(subLibrary);
            fields.add(entries.stream().filter(chosen::contains).count() + "/" + entries.size());
        });
        console.info(LIBRARY + (outcome.gaveUp() ? " not trimmed" : " trimmed"), fields.toArray());
    }

    /** make's outdir: the unpacked archive's tree lies in it. */
    private Path outdir() {
        return trees.get(1).getParent();
    }

    private static boolean laidOutAsMusl(Path dir) {
        if (!Files.isRegularFile(dir.resolve("Makefile.uk"))) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(SUB_LIBRARY_MAKEFILE));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The chosen list of the last build, empty before the first. It is only a hint (every entry is
     * checked against what lib-musl offers before make sees it), so one larger than lib-musl's whole
     * list could be, as a build directory a cloned project brought could hold, is not read.
     */
    private Set<String> previous() {
        try {
            return Files.isRegularFile(chosenFile) && Files.size(chosenFile) <= MAX_CHOSEN_BYTES
                    ? new LinkedHashSet<>(
                            List.of(Files.readString(chosenFile).strip().split("\\s+")))
                    : Set.of();
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read " + chosenFile + ": " + e.getMessage(), e);
        }
    }

    /** The wanted entries lib-musl still offers, in its order (make compiles and links in that order). */
    private static List<String> inOrder(MuslSources available, Set<String> wanted) {
        List<String> ordered = new ArrayList<>();
        available.entries().stream().filter(wanted::contains).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private void keep(List<String> chosen) {
        try {
            String text = String.join(" ", chosen);
            if (!Files.isRegularFile(chosenFile)
                    || !Files.readString(chosenFile).equals(text)) {
                AtomicFiles.writeString(chosenFile, text);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + chosenFile + ": " + e.getMessage(), e);
        }
    }

    private static List<String> first(Set<String> symbols) {
        return symbols.stream().limit(5).toList();
    }

    private static long size(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path log, long offset) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path absolute(Path dir) {
        return dir.toAbsolutePath().normalize();
    }
}
