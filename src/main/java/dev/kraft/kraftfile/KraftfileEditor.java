package dev.kraft.kraftfile;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Names;
import dev.kraft.unikraft.Target;
import dev.kraft.unikraft.TargetFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Changes a project's Kraftfile as a person would: only the lines concerned, so comments, order
 * and formatting stay (KraftKit writes the whole file again from its model and loses them). The
 * result must load before it replaces the file, and it replaces it atomically: the file a
 * symbolic link points to, never the link, and with the line endings the file had.
 */
public final class KraftfileEditor {
    /** Versions YAML reads as a string when written bare: no numbers, booleans or syntax. */
    private static final Pattern PLAIN_VERSION =
            Pattern.compile("(?=.*[A-Za-z]|.*\\..*\\.)(?!(?i)(y|n|yes|no|on|off|true|false|null)$)[A-Za-z0-9._/+-]+");

    private final Path cwd;
    private final Path home;
    private final Map<String, String> env;

    public KraftfileEditor(Path cwd, Path home, Map<String, String> env) {
        this.cwd = cwd;
        this.home = home;
        this.env = env;
    }

    /** Adds {@code name: version}: a library from the index or Unikraft's repositories. */
    public void addLibrary(Project project, String name, String version) {
        requireLibraryName(name);
        String value = PLAIN_VERSION.matcher(version).matches() ? version : YamlLines.quote(version);
        edit(project, doc -> {
            LibraryEdits.add(doc, name, List.of(name + ": " + value));
            return doc;
        });
    }

    /** Adds a library from a local directory; its name is the directory's, less a {@code lib-} prefix. */
    public String addLocalLibrary(Project project, Path dir) {
        String base = dir.getFileName().toString();
        String name = base.startsWith("lib-") ? base.substring(4) : base;
        requireLibraryName(name);
        Path relative = project.workdir().relativize(dir.toAbsolutePath().normalize());
        String source = relative.startsWith("..") ? relative.toString() : "./" + relative;
        edit(project, doc -> {
            LibraryEdits.add(doc, name, List.of(name + ":", doc.pad(1) + "source: " + source));
            return doc;
        });
        return name;
    }

    public void removeLibrary(Project project, String name) {
        edit(project, doc -> {
            LibraryEdits.remove(doc, name);
            return doc;
        });
    }

    /** Sets Kconfig values in {@code unikraft.kconfig}, or in the kconfig of the target {@code -t} names. */
    public void set(Project project, Optional<String> target, Map<String, String> values) {
        values.keySet().forEach(KraftfileEditor::requireKconfigName);
        Optional<Integer> index = target.map(t -> targetIndex(project, t));
        boolean source = project.unikraft()
                .map(u -> u.directory().isPresent() || u.url().isPresent())
                .orElse(false);
        edit(project, doc -> {
            for (Map.Entry<String, String> value : values.entrySet()) {
                doc = KconfigEdits.set(doc, index, value.getKey(), value.getValue(), source);
            }
            return doc;
        });
    }

    public void unset(Project project, Optional<String> target, List<String> keys) {
        keys.forEach(KraftfileEditor::requireKconfigName);
        Optional<Integer> index = target.map(t -> targetIndex(project, t));
        edit(project, doc -> {
            for (String key : keys) {
                doc = KconfigEdits.unset(doc, index, key);
            }
            return doc;
        });
    }

    private void edit(Project project, UnaryOperator<YamlDoc> change) {
        Path file = project.kraftfile();
        String display = file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
        try {
            String after = change.apply(YamlDoc.parse(display, KraftfileText.read(file, display)))
                    .lines()
                    .text();
            try {
                // Only whether it loads matters here: its warnings were the loader's to give.
                new KraftfileParser(file, project.workdir(), home, env, warning -> {})
                        .parse(new YamlReader(display).read(after));
            } catch (KraftException e) {
                throw new KraftException(
                        e.exitCode(),
                        display + " left unchanged: the edited file would not load: " + e.getMessage(),
                        e);
            }
            AtomicFiles.writeString(file.toRealPath(), after);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot edit " + display + ": " + e.getMessage(), e);
        }
    }

    /** The target's place in {@code targets}: the parser keeps their order. */
    private static int targetIndex(Project project, String target) {
        List<Target> matches =
                new TargetFilter(Optional.of(target), Optional.empty(), Optional.empty()).apply(project.targets());
        if (matches.size() != 1) {
            String known = String.join(
                    ", ",
                    project.targets().stream()
                            .map(t -> t.name() + " (" + t.platArch() + ")")
                            .toList());
            throw new KraftException(
                    matches.isEmpty() ? ExitCode.NOT_FOUND : ExitCode.USAGE,
                    "-t " + target + ": " + (matches.isEmpty() ? "no such target" : matches.size() + " targets match")
                            + "; the Kraftfile has " + known);
        }
        return project.targets().indexOf(matches.get(0));
    }

    private static void requireLibraryName(String name) {
        if (!Names.isLibraryName(name)) {
            throw new KraftException(
                    ExitCode.USAGE, Quoted.of(name) + " is not a library name (" + Names.LIBRARY_NAME_RULE + ")");
        }
    }

    private static void requireKconfigName(String key) {
        if (!key.startsWith("CONFIG_") || !KConfig.isSymbol(key)) {
            throw new KraftException(
                    ExitCode.USAGE,
                    Quoted.of(key) + " is not a Kconfig option (CONFIG_ followed by letters, digits and _)");
        }
    }
}
