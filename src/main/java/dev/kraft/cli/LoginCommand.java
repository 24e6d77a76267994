package dev.kraft.cli;

import dev.kraft.config.RegistryLogins;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.RegistryAuth;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft login}: checks a registry login and keeps it in the credential helper Docker's
 * config names for the host, else in {@code <config>/auth.json}
 * (0600). The password comes from stdin, {@code KRAFTKIT_LOGIN_TOKEN}, or KraftKit's
 * {@code -t}, which puts it where other users can read it in the process list; the docs show
 * the first two. A token that is base64 of {@code user:token} carries the user, as in KraftKit.
 * Without a user or password, the login kraft already finds (Docker's, a credential helper's)
 * is checked, as docker login does.
 */
@Command(
        name = "login",
        aliases = "logon",
        mixinStandardHelpOptions = true,
        description = "Log in to an OCI registry.",
        footer = {
            "",
            "Examples:",
            "  kraft login ghcr.io -u me --password-stdin < token.txt",
            "  KRAFTKIT_LOGIN_USER=me KRAFTKIT_LOGIN_TOKEN=\"$TOKEN\" kraft login registry.example.com",
            "  kraft login ghcr.io     checks the login docker login or a credential helper left"
        })
final class LoginCommand implements Callable<Integer> {
    private final PackageServices services;

    @Parameters(
            index = "0",
            paramLabel = "HOST",
            description = "The registry, with its port if it has one (e.g. localhost:5000).")
    String host;

    @Option(
            names = {"-u", "--user"},
            paramLabel = "USER",
            description = "The user name (default: KRAFTKIT_LOGIN_USER).")
    String user;

    @Option(names = "--password-stdin", description = "Read the password or token from stdin.")
    boolean passwordStdin;

    @Option(
            names = {"-t", "--token"},
            paramLabel = "TOKEN",
            description =
                    "The password or token (KraftKit's flag; other users can read it in the process list: prefer --password-stdin or KRAFTKIT_LOGIN_TOKEN).")
    String token;

    LoginCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        String registry = registry(host);
        ImageRef probe = ImageRef.parse(registry + "/kraft-login:latest");
        if (user == null
                && token == null
                && !passwordStdin
                && services.env().var("KRAFTKIT_LOGIN_USER").isEmpty()
                && services.env().var("KRAFTKIT_LOGIN_TOKEN").isEmpty()) {
            Optional<RegistryLogins.Login> known = services.logins().find(probe.registry());
            if (known.isPresent()) {
                return checkKnown(probe, known.get());
            }
        }
        if (passwordStdin && token != null) {
            throw new KraftException(
                    ExitCode.USAGE, "kraft login " + registry + ": give the password once: --password-stdin or -t");
        }
        String given = passwordStdin
                ? new String(services.env().in().readAllBytes(), StandardCharsets.UTF_8).strip()
                : Optional.ofNullable(token)
                        .or(() -> services.env().var("KRAFTKIT_LOGIN_TOKEN"))
                        .orElseGet(this::prompt);
        Optional<String> named =
                Optional.ofNullable(user).or(() -> services.env().var("KRAFTKIT_LOGIN_USER"));
        String[] fromToken = named.isEmpty() ? userAndToken(given) : new String[0];
        String name = fromToken.length == 2
                ? fromToken[0]
                : named.orElseThrow(() -> new KraftException(
                        ExitCode.USAGE, "kraft login " + registry + ": give the user name with -u USER"));
        String secret = fromToken.length == 2 ? fromToken[1] : given;
        if (secret.isEmpty()) {
            throw new KraftException(ExitCode.USAGE, "kraft login " + registry + ": the password is empty");
        }
        RegistryAuth.Login login = new RegistryAuth.Login(name, secret, "the password given");
        services.registry(h -> h.equals(probe.registry()) ? Optional.of(login) : Optional.empty())
                .checkLogin(probe);
        String where = services.logins().store(probe.registry(), name, secret);
        services.console().info("logged in to " + probe.registry() + " as " + name + "; the login is in " + where);
        return 0;
    }

    /** The registry a HOST argument names ({@code https://ghcr.io/} is {@code ghcr.io}), as the image references name it. */
    static String registry(String host) {
        return ImageRef.parse(host.replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "") + "/kraft-login:latest")
                .registry();
    }

    /**
     * As {@code docker login HOST} without a user: the login kraft already finds for the host
     * (its own, Docker's or Podman's, or a credential helper's) is checked against the registry,
     * and nothing is stored.
     */
    private int checkKnown(ImageRef probe, RegistryLogins.Login known) {
        RegistryAuth.Login login = new RegistryAuth.Login(known.user(), known.secret(), known.from());
        services.registry(h -> h.equals(probe.registry()) ? Optional.of(login) : Optional.empty())
                .checkLogin(probe);
        services.console()
                .info("logged in to " + probe.registry() + " as " + known.user() + " with the login from "
                        + known.from());
        return 0;
    }

    /** KraftKit's combined token: base64 of {@code user:token}; anything else is a token alone. */
    private static String[] userAndToken(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", 2);
            return parts.length == 2 && !parts[0].isEmpty() ? parts : new String[0];
        } catch (IllegalArgumentException notBase64) {
            return new String[0];
        }
    }

    /** On a terminal, asks without echo; elsewhere there is nobody to ask. */
    private String prompt() {
        Console terminal = System.console();
        if (terminal == null || !services.mayPrompt()) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "kraft login " + host
                            + ": give the password with --password-stdin (or KRAFTKIT_LOGIN_TOKEN, or -t)");
        }
        char[] password = terminal.readPassword("Password for %s@%s: ", user == null ? "" : user, host);
        return password == null ? "" : new String(password);
    }
}
