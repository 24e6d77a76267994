package dev.kraft.pkg.index;

import java.util.List;
import java.util.Optional;

/**
 * One component's manifest, with KraftKit's fields: where it comes from ({@code origin},
 * {@code provider}), the moving {@code channels} and the fixed {@code versions}. Text fields
 * are empty when the manifest leaves them out; {@code sha256} values are lowercase hex.
 */
public record Manifest(
        String name,
        String type,
        String description,
        String origin,
        String provider,
        List<Channel> channels,
        List<Version> versions) {

    public Manifest {
        channels = List.copyOf(channels);
        versions = List.copyOf(versions);
    }

    /** A branch of development one can follow; its archive changes over time. */
    public record Channel(String name, boolean isDefault, String latest, String resource, String sha256) {}

    /** A release; its archive should never change. {@code unikraft} is the core it goes with. */
    public record Version(String version, String type, String unikraft, String resource, String sha256) {}

    /** {@code lib/musl}, {@code core/unikraft}: how kraft names a package to the user. */
    public String qualifiedName() {
        return type + "/" + name;
    }

    /** Whether its sources live in a git repository kraft can clone when an archive is unverified. */
    public boolean fromGit() {
        return !origin.isEmpty() && (provider.equals("git") || provider.equals("github"));
    }

    public Optional<Channel> channel(String wanted) {
        return channels.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    public Optional<Version> version(String wanted) {
        return versions.stream()
                .filter(v -> v.version().equals(wanted))
                .findFirst()
                .or(() -> wanted.startsWith("v") ? version(wanted.substring(1)) : Optional.empty());
    }

    /** The channel marked default, else the only one there is. */
    public Optional<Channel> defaultChannel() {
        return channels.stream()
                .filter(Channel::isDefault)
                .findFirst()
                .or(() -> channels.size() == 1 ? Optional.of(channels.get(0)) : Optional.empty());
    }

    public boolean knows(String wanted) {
        return channel(wanted).isPresent() || version(wanted).isPresent();
    }
}
