package dev.kraft.cli;

import dev.kraft.config.ManifestSources;
import dev.kraft.log.Console;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.support.Notices;
import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.index.Catalog;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.source.GitSsh;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the CLI sets up the package manager: sources from config.yaml, the maximum age of the
 * index and of remembered git refs ({@code unikraft.index_max_age}, default 24h), and offline mode from the flag, config.yaml's
 * {@code offline} or {@code KRAFTKIT_OFFLINE}.
 */
final class Packaging {
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

    private Packaging() {
    }

    /** @param refresh treat the local index and remembered git refs as stale ({@code --force-pull}) */
    static CompositePackageManager manager(Services services, boolean offlineFlag, boolean refresh) {
        boolean offline = offlineFlag || services.config().flag("offline");
        Catalog.Settings settings = new Catalog.Settings(ManifestSources.read(services.dirs().configFile()),
                refresh ? Duration.ZERO : maxAge(services.config().get("unikraft.index_max_age")), offline);
        Console console = services.console();
        Env env = services.env();
        return CompositePackageManager.create(services.dirs().manifests(), services.dirs().sources(), settings, env.clock(),
                () -> new GitSsh(env.home(), env.var("SSH_AUTH_SOCK")), new Notices(console::info, console::warn, console::debug));
    }

    /** A source as config.yaml keeps it: URLs as given, paths absolute so they work from anywhere. */
    static String source(Services services, String text, boolean mustExist) {
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || text.startsWith("file:")) {
            return text;
        }
        Path path = services.env().resolve(text);
        if (mustExist && !Files.isRegularFile(path) && !Files.isRegularFile(path.resolve("index.yaml"))) {
            throw new KraftException(ExitCode.NOT_FOUND, text + ": neither a YAML file nor a directory with index.yaml (" + path + ")");
        }
        return path.toString();
    }

    /** The one manifest a query names; without a type, the name must be unique across core, lib and app. */
    static Manifest manifest(Catalog catalog, PackageQuery query) {
        List<Manifest> found = catalog.all().stream().filter(m -> m.name().equals(query.name()))
                .filter(m -> query.type().map(t -> PackageQuery.typeName(t).equals(m.type()))
                        .orElse(Set.of("core", "lib", "app").contains(m.type()))).toList();
        if (found.isEmpty()) {
            throw new KraftException(ExitCode.NOT_FOUND, "no package " + query + " in the package index"
                    + (catalog.hasLocalIndex() ? "" : " (there is none yet: run 'kraft pkg update')"));
        }
        if (found.size() > 1) {
            throw new KraftException(ExitCode.USAGE, query.name() + " is ambiguous: "
                    + found.stream().map(Manifest::qualifiedName).toList() + "; name the type, e.g. " + found.get(0).qualifiedName());
        }
        return found.get(0);
    }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 0} (always refresh) or ISO-8601 ({@code PT12H}). */
    static Duration maxAge(Optional<String> setting) {
        if (setting.isEmpty()) {
            return DEFAULT_MAX_AGE;
        }
        String text = setting.get().strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(text);
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new KraftException(ExitCode.INVALID_INPUT, "unikraft.index_max_age \"" + setting.get()
                    + "\": expected a duration such as 24h, 30m, 7d or 0");
        }
    }
}
