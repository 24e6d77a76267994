package dev.kraft.cli;

import dev.kraft.support.KraftVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kraft man DIR}: writes the man pages (install.sh and packagers install them). */
@Command(
        name = "man",
        mixinStandardHelpOptions = true,
        description = "Write kraft's man pages (roff) into a directory.",
        footer = {"", "Example:", "  kraft man ~/.local/share/man/man1 && man kraft-build"})
final class ManCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to write kraft.1 and kraft-<command>.1.")
    Path dir;

    @Spec
    CommandSpec spec;

    ManCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine root = Kraft.commandLine(services, new GlobalOptions());
        for (Path page : ManPages.write(root, dir.toAbsolutePath(), KraftVersion.number())) {
            spec.commandLine().getOut().println(page);
        }
        return 0;
    }
}
