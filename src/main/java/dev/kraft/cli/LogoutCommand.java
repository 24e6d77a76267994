package dev.kraft.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft logout}: forgets a registry's login where {@code kraft login} keeps it, as
 * {@code docker logout} does (KraftKit has no such command): kraft's auth.json, and the
 * credential helper Docker's config names for the host ({@code erase}).
 */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = "Log out of an OCI registry: forget its login.",
        footer = {"", "Examples:", "  kraft logout ghcr.io"})
final class LogoutCommand implements Callable<Integer> {
    private final PackageServices services;

    @Parameters(
            index = "0",
            paramLabel = "HOST",
            description = "The registry, with its port if it has one (e.g. localhost:5000).")
    String host;

    LogoutCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        String registry = LoginCommand.registry(host);
        List<String> erased = services.logins().erase(registry);
        if (erased.isEmpty()) {
            services.console().info("kraft had no login for " + registry + " to forget");
        } else {
            services.console()
                    .info("logged out of " + registry + ": the login is gone from " + String.join(", ", erased));
        }
        return 0;
    }
}
