package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileEditor;
import dev.kraft.kraftfile.Project;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What {@code kraft set} and {@code kraft unset} share: which Kraftfile, which kconfig in it, and its editor. */
final class KconfigEditOptions {
    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
    String dir;

    @Option(names = {"-K", "--kraftfile"}, paramLabel = "FILE", description = "Edit this Kraftfile instead of searching for one.")
    String kraftfile;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "Edit this target's kconfig (name or plat/arch) instead of unikraft.kconfig.")
    String target;

    Project load(Services services) {
        return services.kraftfiles().load(Optional.ofNullable(dir), Optional.ofNullable(kraftfile));
    }

    KraftfileEditor editor(Services services) {
        var env = services.env();
        return new KraftfileEditor(env.cwd(), env.home(), env.vars());
    }

    Optional<String> target() {
        return Optional.ofNullable(target);
    }
}
