package dev.kraft.pkg.index;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The channel or version of a manifest a request names, or its default channel when it names
 * none, with the archive that holds it. {@code sha256} is empty when the manifest gives none.
 */
public record Choice(Manifest manifest, String name, boolean channel, String resource, String sha256) {

    public static Choice of(Manifest m, Optional<String> wanted) {
        Choice choice = wanted.isEmpty()
                ? m.defaultChannel()
                        .map(c -> of(m, c))
                        .orElseThrow(() -> new KraftException(
                                ExitCode.NOT_FOUND,
                                m.qualifiedName() + ": no default channel; name a version (" + offered(m) + ")"))
                : m.channel(wanted.get())
                        .map(c -> of(m, c))
                        .or(() -> m.version(wanted.get())
                                .map(v -> new Choice(m, v.version(), false, v.resource(), v.sha256())))
                        .orElseThrow(() -> new KraftException(
                                ExitCode.NOT_FOUND,
                                m.qualifiedName() + ": no channel or version \"" + wanted.get()
                                        + "\" in the package index (" + offered(m) + ")"));
        if (choice.resource().isEmpty() && !m.fromGit()) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    m.qualifiedName() + " " + choice.name() + ": the manifest gives no resource to fetch");
        }
        return choice;
    }

    private static Choice of(Manifest m, Manifest.Channel c) {
        return new Choice(m, c.name(), true, c.resource(), c.sha256());
    }

    /** "channels: stable, staging; versions: 0.1.0" */
    static String offered(Manifest m) {
        String channels = m.channels().stream().map(Manifest.Channel::name).collect(Collectors.joining(", "));
        String versions = m.versions().stream().map(Manifest.Version::version).collect(Collectors.joining(", "));
        return "channels: " + (channels.isEmpty() ? "none" : channels) + "; versions: "
                + (versions.isEmpty() ? "none" : versions);
    }
}
