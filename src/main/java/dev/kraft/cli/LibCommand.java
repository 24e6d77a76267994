package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileEditor;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft lib}: adds and removes the project's libraries by editing only their lines of the
 * Kraftfile. Nothing is fetched here; the next build does that.
 */
@Command(name = "lib", aliases = "library", mixinStandardHelpOptions = true, description = "Add libraries to the Kraftfile, or remove them.",
        footer = {"", "Examples:", "  kraft lib add lwip             lwip: stable", "  kraft lib add lwip:0.17.0      lwip: 0.17.0",
                "  kraft lib add libs/extra       extra: {source: ./libs/extra}", "  kraft lib rm lwip"})
final class LibCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    static CommandLine commandLine(Projects projects, Supplier<Console> console) {
        return new CommandLine(new LibCommand()).addSubcommand(new Add(projects, console)).addSubcommand(new Remove(projects, console));
    }

    private static KraftfileEditor editor(Env env) {
        return new KraftfileEditor(env.cwd(), env.home(), env.vars());
    }

    /** No standard help mixin: its -V/--version would take the library's --version. */
    @Command(name = "add", aliases = "a",
            description = "Add a library: NAME[:VERSION] from the index or Unikraft's repositories, or a local DIR.")
    static final class Add implements Callable<Integer> {
        private final Projects projects;
        private final Supplier<Console> console;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "NAME[:VERSION]|DIR")
        String library;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PROJECT", description = "The project directory (default: the current one).")
        String dir;

        @Mixin
        KraftfileOption kraftfile = new KraftfileOption();

        @Option(names = "--version", paramLabel = "VERSION", description = "The library's version (default: stable).")
        String version;

        Add(Projects projects, Supplier<Console> console) {
            this.projects = projects;
            this.console = console;
        }

        @Override
        public Integer call() {
            Project project = projects.load(Optional.ofNullable(dir), kraftfile.kraftfile());
            Path local = projects.env().cwd().resolve(library).normalize();
            if (Files.isDirectory(local)) {
                String name = editor(projects.env()).addLocalLibrary(project, local);
                console.get().info("added library " + name + " from " + library);
                return 0;
            }
            if (library.contains("/")) {
                throw new KraftException(ExitCode.NOT_FOUND, "no directory " + library + " (a library from the index is NAME[:VERSION])");
            }
            int colon = library.indexOf(':');
            String name = colon < 0 ? library : library.substring(0, colon);
            String chosen = colon < 0 ? Optional.ofNullable(version).orElse("stable") : library.substring(colon + 1);
            if (colon >= 0 && version != null) {
                throw new KraftException(ExitCode.USAGE, "give the version once: " + library + " or --version " + version);
            }
            editor(projects.env()).addLibrary(project, name, chosen);
            console.get().info("added library " + name + " " + chosen);
            return 0;
        }
    }

    @Command(name = "remove", aliases = {"rm", "delete", "del"}, mixinStandardHelpOptions = true, description = "Remove a library from the Kraftfile.")
    static final class Remove implements Callable<Integer> {
        private final Projects projects;
        private final Supplier<Console> console;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PROJECT", description = "The project directory (default: the current one).")
        String dir;

        @Mixin
        KraftfileOption kraftfile = new KraftfileOption();

        Remove(Projects projects, Supplier<Console> console) {
            this.projects = projects;
            this.console = console;
        }

        @Override
        public Integer call() {
            editor(projects.env()).removeLibrary(projects.load(Optional.ofNullable(dir), kraftfile.kraftfile()), name);
            console.get().info("removed library " + name);
            return 0;
        }
    }
}
