package dev.kraft.cli;

import dev.kraft.config.ManifestSources;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kraft pkg unsource}: removes index sources from config.yaml's {@code unikraft.manifests}. */
@Command(
        name = "unsource",
        aliases = "unsrc",
        mixinStandardHelpOptions = true,
        description = "Remove a package index source.",
        footer = {"", "Example:", "  kraft pkg unsource https://manifests.kraftkit.sh/index.yaml"})
final class PkgUnsourceCommand implements Callable<Integer> {
    private final PackageServices services;

    @Mixin
    UnusedKraftfileOption kraftfile = new UnusedKraftfileOption();

    @Parameters(
            arity = "1..*",
            paramLabel = "SOURCE",
            description = "A source as 'kraft pkg source' added it (a path may be relative).")
    List<String> sources = new ArrayList<>();

    PkgUnsourceCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        for (String text : sources) {
            String source = IndexSources.source(services.env(), text, false);
            if (!ManifestSources.remove(services.dirs().configFile(), source)) {
                throw new KraftException(
                        ExitCode.NOT_FOUND,
                        source + " is not a package source; the sources are "
                                + services.config().manifests());
            }
            services.console().info("removed source " + source);
        }
        return 0;
    }
}
