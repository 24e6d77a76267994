package dev.kraft.pkg;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.ComponentType;
import java.util.Locale;
import java.util.Optional;

/**
 * A package as named on the command line: {@code [TYPE/]NAME[:VERSION]}, e.g. {@code lib/musl:stable},
 * {@code unikraft:0.17.0}, {@code musl}. TYPE is core, lib or app (plurals accepted).
 */
public record PackageQuery(Optional<ComponentType> type, String name, Optional<String> version) {

    public static PackageQuery parse(String text) {
        String rest = text.strip();
        Optional<ComponentType> type = Optional.empty();
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            type = Optional.of(type(rest.substring(0, slash), text));
            rest = rest.substring(slash + 1);
        }
        Optional<String> version = Optional.empty();
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            version = Optional.of(rest.substring(colon + 1)).filter(v -> !v.isEmpty());
            rest = rest.substring(0, colon);
        }
        if (!rest.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || colon >= 0 && version.isEmpty()) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "\"" + text + "\" is not a package: expected [TYPE/]NAME[:VERSION], e.g. lib/musl:stable");
        }
        return new PackageQuery(type, rest, version);
    }

    private static ComponentType type(String text, String whole) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "core", "unikraft" -> ComponentType.CORE;
            case "lib", "libs", "library" -> ComponentType.LIB;
            case "app", "apps", "template" -> ComponentType.APP;
            default ->
                throw new KraftException(
                        ExitCode.USAGE, "\"" + whole + "\": unknown package type \"" + text + "\" (core, lib or app)");
        };
    }

    /** The manifest type string for a component type: core, lib, app. */
    public static String typeName(ComponentType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return type.map(t -> typeName(t) + "/").orElse("")
                + name
                + version.map(v -> ":" + v).orElse("");
    }
}
