package dev.kraft.cli;

import dev.kraft.config.ManifestSources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kraft pkg source}: adds index sources to config.yaml's {@code unikraft.manifests}. */
@Command(
        name = "source",
        aliases = "src",
        mixinStandardHelpOptions = true,
        description = "Add a package index source: an index or manifest URL, or a directory with index.yaml.",
        footer = {
            "",
            "Examples:",
            "  kraft pkg source https://example.org/index.yaml",
            "  kraft pkg source ./my-index && kraft pkg update"
        })
final class PkgSourceCommand implements Callable<Integer> {
    private final PackageServices services;

    @Mixin
    UnusedKraftfileOption kraftfile = new UnusedKraftfileOption();

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "A URL, or a path (stored absolute).")
    List<String> sources = new ArrayList<>();

    @Option(
            names = {"-F", "--force"},
            description = "Add a path even if it holds no index yet (it is not checked).")
    boolean force;

    PkgSourceCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        for (String text : sources) {
            String source = IndexSources.source(services.env(), text, !force);
            boolean added = ManifestSources.add(services.dirs().configFile(), source);
            services.console().info(added ? "added source " + source : "source " + source + " is already there");
        }
        services.console().info("run 'kraft pkg update' to fetch the index");
        return 0;
    }
}
