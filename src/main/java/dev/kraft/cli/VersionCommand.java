package dev.kraft.cli;

import dev.kraft.support.KraftVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kraft version}: as KraftKit's, the version, the commit it was built from, the runtime and the build's time. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        aliases = "v",
        description = "Show kraft's version.",
        footer = {"", "Example:", "  kraft version"})
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(text());
        return 0;
    }

    static String text() {
        return "kraft " + KraftVersion.number() + " (" + KraftVersion.commit() + ") java "
                + Runtime.version().feature() + " " + KraftVersion.built();
    }

    /** Serves {@code kraft --version} from the same text. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {text()};
        }
    }
}
