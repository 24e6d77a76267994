package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileEditor;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.Env;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code kraft set} and {@code kraft unset} share: which Kraftfile, which kconfig in it, and its editor. */
final class KconfigEditOptions {
    @Option(
            names = {"-w", "--workdir"},
            paramLabel = "DIR",
            description = "The project directory (default: the current one).")
    String dir;

    @Mixin
    KraftfileOption kraftfile = new KraftfileOption();

    /** The target whose kconfig to edit, instead of unikraft.kconfig. */
    @Mixin
    TargetOption target = new TargetOption();

    Project load(Projects projects) {
        return projects.load(Optional.ofNullable(dir), kraftfile.kraftfile());
    }

    KraftfileEditor editor(Env env) {
        return new KraftfileEditor(env.cwd(), env.home(), env.vars());
    }

    Optional<String> target() {
        return target.target();
    }
}
