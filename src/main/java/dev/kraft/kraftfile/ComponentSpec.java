package dev.kraft.kraftfile;

import dev.kraft.unikraft.ComponentType;
import dev.kraft.unikraft.KConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A component as the Kraftfile asks for it: where from (a local directory or a URL; neither
 * means "the default source"), which version (branch, tag, commit, channel), and the Kconfig it
 * contributes.
 */
public record ComponentSpec(
        ComponentType type,
        String name,
        Optional<Path> directory,
        Optional<String> url,
        Optional<String> version,
        KConfig kconfig,
        Location at) {

    /** How the user would recognise it in a plan: {@code lib greet (./libs/greet)}. */
    public String describe() {
        String from = directory.map(Path::toString).or(() -> url).orElse("default source");
        return name + " " + version.map(v -> v + " ").orElse("") + "(" + from + ")";
    }
}
