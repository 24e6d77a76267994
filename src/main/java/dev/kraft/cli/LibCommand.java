package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileEditor;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.List;
import java.util.Locale;
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
@Command(
        name = "lib",
        aliases = "library",
        mixinStandardHelpOptions = true,
        description = "Add libraries to the Kraftfile, remove them, or create a new library.",
        footer = {
            "",
            "Examples:",
            "  kraft lib add lwip             lwip: stable",
            "  kraft lib add lwip:0.17.0      lwip: 0.17.0",
            "  kraft lib add libs/extra       extra: {source: ./libs/extra}",
            "  kraft lib rm lwip",
            "  kraft lib create mylib --author-email me@example.org   a new library in ./mylib"
        })
final class LibCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    static CommandLine commandLine(Projects projects, Supplier<Console> console, Supplier<Processes> processes) {
        return new CommandLine(new LibCommand())
                .addSubcommand(new Add(projects, console))
                .addSubcommand(new Remove(projects, console))
                .addSubcommand(new Create(projects.env(), console, processes));
    }

    private static KraftfileEditor editor(Env env) {
        return new KraftfileEditor(env.cwd(), env.home(), env.vars());
    }

    /** No standard help mixin: its -V/--version would take the library's --version. */
    @Command(
            name = "add",
            aliases = "a",
            description = "Add a library: NAME[:VERSION] from the index or Unikraft's repositories, or a local DIR.")
    static final class Add implements Callable<Integer> {
        private final Projects projects;
        private final Supplier<Console> console;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "NAME[:VERSION]|DIR")
        String library;

        @Parameters(
                index = "1",
                arity = "0..1",
                paramLabel = "PROJECT",
                description = "The project directory (default: the current one).")
        String dir;

        @Mixin
        WorkdirOption workdir = new WorkdirOption();

        @Mixin
        KraftfileOption kraftfile = new KraftfileOption();

        @Option(names = "--version", paramLabel = "VERSION", description = "The library's version (default: stable).")
        String version;

        @Option(
                names = "--no-update",
                description = "kraft lib add fetches nothing (the next build does), so it updates no index either; "
                        + "accepted for KraftKit's scripts.")
        boolean noUpdate;

        Add(Projects projects, Supplier<Console> console) {
            this.projects = projects;
            this.console = console;
        }

        @Override
        public Integer call() {
            Project project = projects.load(workdir.or(Optional.ofNullable(dir)), kraftfile.kraftfile());
            Path local = projects.env().cwd().resolve(library).normalize();
            if (Files.isDirectory(local)) {
                String name = editor(projects.env()).addLocalLibrary(project, local);
                console.get().info("added library " + name + " from " + library);
                return 0;
            }
            if (library.contains("/")) {
                throw new KraftException(
                        ExitCode.NOT_FOUND,
                        "no directory " + library + " (a library from the index is NAME[:VERSION])");
            }
            int colon = library.indexOf(':');
            String name = colon < 0 ? library : library.substring(0, colon);
            String chosen = colon < 0 ? Optional.ofNullable(version).orElse("stable") : library.substring(colon + 1);
            if (colon >= 0 && version != null) {
                throw new KraftException(
                        ExitCode.USAGE, "give the version once: " + library + " or --version " + version);
            }
            editor(projects.env()).addLibrary(project, name, chosen);
            console.get().info("added library " + name + " " + chosen);
            return 0;
        }
    }

    @Command(
            name = "remove",
            aliases = {"rm", "delete", "del"},
            mixinStandardHelpOptions = true,
            description = "Remove a library from the Kraftfile.")
    static final class Remove implements Callable<Integer> {
        private final Projects projects;
        private final Supplier<Console> console;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(
                index = "1",
                arity = "0..1",
                paramLabel = "PROJECT",
                description = "The project directory (default: the current one).")
        String dir;

        @Mixin
        WorkdirOption workdir = new WorkdirOption();

        @Mixin
        KraftfileOption kraftfile = new KraftfileOption();

        Remove(Projects projects, Supplier<Console> console) {
            this.projects = projects;
            this.console = console;
        }

        @Override
        public Integer call() {
            editor(projects.env())
                    .removeLibrary(projects.load(workdir.or(Optional.ofNullable(dir)), kraftfile.kraftfile()), name);
            console.get().info("removed library " + name);
            return 0;
        }
    }

    /**
     * KraftKit's {@code lib create}: a new microlibrary from its template. KraftKit asks for what
     * the flags leave out on a terminal; kraft takes the answers KraftKit would offer.
     */
    /** No standard help mixin: its -V/--version would take the library's -v/--version. */
    @Command(
            name = "create",
            aliases = "init",
            description =
                    "Create a new Unikraft library (Config.uk, Makefile.uk, README.md, main.c) in a directory of its own.")
    static final class Create implements Callable<Integer> {
        private final Env env;
        private final Supplier<Console> console;
        private final Supplier<Processes> processes;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "NAME",
                description = "The library's project name (as --project-name).")
        String name;

        @Option(
                names = "--project-name",
                paramLabel = "NAME",
                description = "The project name: the directory and the upstream's name.")
        String projectName;

        @Option(names = "--library-name", paramLabel = "NAME", description = "The library's name (default: lib-NAME).")
        String libraryName;

        @Option(
                names = "--library-kname",
                paramLabel = "KNAME",
                description = "Its name in Kconfig and make (default: LIBNAME, upper case, no dashes).")
        String libraryKname;

        @Option(
                names = {"-v", "--version"},
                paramLabel = "VERSION",
                defaultValue = "1.0.0",
                description = "The upstream version (default 1.0.0).")
        String version;

        @Option(
                names = "--description",
                paramLabel = "TEXT",
                defaultValue = "",
                description = "What it is, for Config.uk and the README.")
        String description;

        @Option(
                names = "--author-name",
                paramLabel = "NAME",
                description = "The author (default: $USER, else unknown).")
        String authorName;

        @Option(
                names = "--author-email",
                paramLabel = "EMAIL",
                description = "The author's email (default: git config user.email).")
        String authorEmail;

        @Option(
                names = "--initial-branch",
                paramLabel = "BRANCH",
                defaultValue = "staging",
                description = "With --git-init, its branch (default staging).")
        String initialBranch;

        @Option(
                names = "--copyright-holder",
                paramLabel = "NAME",
                description = "Who holds the copyright (default: the author).")
        String copyrightHolder;

        @Option(
                names = "--origin",
                paramLabel = "URL",
                defaultValue = "",
                description = "Where the upstream sources are fetched from (an archive URL).")
        String origin;

        @Option(names = "--no-provide-c-main", description = "Write no main.c.")
        boolean noCMain;

        @Option(names = "--git-init", description = "Make it a git repository with a first commit.")
        boolean gitInit;

        @Option(names = "--patch-dir", description = "Add a patches/ directory, applied to the upstream sources.")
        boolean patchDir;

        @Option(
                names = "--update-refs",
                description = CompatFlags.IGNORED + "add the library to a project with kraft lib add DIR instead.")
        boolean updateRefs;

        @Option(
                names = "--project-path",
                paramLabel = "DIR",
                description = "Where to create it (default: the current directory).")
        String projectPath;

        Create(Env env, Supplier<Console> console, Supplier<Processes> processes) {
            this.env = env;
            this.console = console;
            this.processes = processes;
        }

        @Override
        public Integer call() {
            String project = Optional.ofNullable(projectName)
                    .or(() -> Optional.ofNullable(name))
                    .orElseThrow(() -> new KraftException(
                            ExitCode.USAGE, "kraft lib create: name the library (NAME or --project-name)"));
            if (!project.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new KraftException(
                        ExitCode.USAGE, "--project-name " + project + ": use letters, digits, . _ and -");
            }
            String author = Optional.ofNullable(authorName)
                    .or(() -> env.var("USER"))
                    .or(() -> env.var("LOGNAME"))
                    .orElse("unknown");
            String email = Optional.ofNullable(authorEmail).orElseGet(this::gitEmail);
            LibraryScaffold.Library library = new LibraryScaffold.Library(
                    project,
                    Optional.ofNullable(libraryName).orElse("lib-" + project),
                    Optional.ofNullable(libraryKname)
                            .orElse("lib" + project.replace("-", "").toLowerCase(Locale.ROOT)),
                    version,
                    description,
                    author,
                    email,
                    origin,
                    !noCMain,
                    patchDir,
                    Optional.ofNullable(copyrightHolder).orElse(author),
                    Year.now(env.clock()).getValue());
            Path root = LibraryScaffold.write(
                    Optional.ofNullable(projectPath).map(env::resolve).orElse(env.cwd()), library);
            if (gitInit) {
                LibraryScaffold.gitInit(processes.get(), root, library, initialBranch);
            }
            console.get().info("created library " + library.name() + " in " + root);
            return 0;
        }

        private String gitEmail() {
            StringBuilder email = new StringBuilder();
            try {
                processes.get().run(List.of("git", "config", "--get", "user.email"), env.cwd(), email::append);
            } catch (KraftException noGit) {
                return "";
            }
            return email.toString().strip();
        }
    }
}
