package dev.kraft.cli;

import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Pusher;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kraft pkg push}: an image of the local store to its registry; prints the index's digest. */
@Command(
        name = "push",
        aliases = "ph",
        mixinStandardHelpOptions = true,
        description = "Push an image from the local store to its registry.",
        footer = {
            "",
            "Examples:",
            "  kraft pkg push localhost:5000/hello:1",
            "  kraft pkg --name ghcr.io/me/hello:1 && kraft login ghcr.io -u me --password-stdin < token && kraft pkg push ghcr.io/me/hello:1"
        })
final class PkgPushCommand implements Callable<Integer> {
    private final PackageServices services;

    @Parameters(
            index = "0",
            paramLabel = "REF",
            description = "The image, as kraft pkg --name named it: [REGISTRY/]NAME[:TAG].")
    String ref;

    @Option(
            names = {"-M", "--as"},
            paramLabel = "FORMAT",
            defaultValue = "auto",
            completionCandidates = Choices.PackageFormats.class,
            description = "The package format: auto or oci (the same here).")
    String format;

    @Mixin
    UnusedKraftfileOption kraftfile = new UnusedKraftfileOption();

    PkgPushCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (!format.equals("auto") && !format.equals("oci")) {
            throw new KraftException(ExitCode.USAGE, "--as " + format + ": kraft pushes OCI images only (auto or oci)");
        }
        ImageRef image = services.imageRef(ref);
        String digest = new Pusher(services.imageStore(), services.registry(), services.console()::info).push(image);
        services.console().info("pushed " + image + " " + digest);
        services.console().out().println(digest);
        return 0;
    }
}
