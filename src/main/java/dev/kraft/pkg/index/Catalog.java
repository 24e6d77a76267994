package dev.kraft.pkg.index;

import dev.kraft.pkg.PackageQuery;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The package index as commands see it: the local copy, brought up to date over the network
 * only when needed: when there is none, when it is older than the configured age, or (once
 * per run) when it lacks a version someone asked for. Offline, it is never refreshed. A
 * failed refresh with an older index at hand warns and goes on with the older one.
 */
public final class Catalog {
    private final LocalIndex local;
    private final IndexUpdater updater;
    private final Settings settings;
    private final Clock clock;
    private final Notices notices;
    private boolean refreshed;

    /** Where manifests come from, how old the local copy may get, and whether the network is off limits. */
    public record Settings(List<String> sources, Duration maxAge, boolean offline) {
        public Settings {
            sources = List.copyOf(sources);
        }
    }

    public Catalog(LocalIndex local, IndexUpdater updater, Settings settings, Clock clock, Notices notices) {
        this.local = local;
        this.updater = updater;
        this.settings = settings;
        this.clock = clock;
        this.notices = notices;
    }

    public Settings settings() {
        return settings;
    }

    /** When the local index was last written; the epoch when there is none. */
    public Instant lastUpdated() {
        return local.lastUpdated().orElse(Instant.EPOCH);
    }

    public boolean hasLocalIndex() {
        return local.index().isPresent();
    }

    /** Fetches every source and replaces the local index with what they offer. */
    public List<Manifest> update() {
        if (settings.offline()) {
            throw new KraftException(ExitCode.FETCH_FAILED, Input.OFFLINE, "", "cannot update the package index");
        }
        if (settings.sources().isEmpty()) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    "no package sources: unikraft.manifests in config.yaml is empty;"
                            + " add one with 'kraft pkg source URL'");
        }
        List<Manifest> manifests = updater.fetch(settings.sources());
        local.write(manifests, clock.instant());
        refreshed = true;
        return manifests;
    }

    /**
     * The manifest of a component, refreshing the index first when it is missing, old, or lacks
     * the version. With no index to be had (the network is down), the component is not found,
     * so it comes from git as before the index existed, where KraftKit would stop the build.
     */
    public Optional<Manifest> find(String type, String name, Optional<String> version) {
        try {
            refreshIfStale();
        } catch (KraftException e) {
            if (e.exitCode() != ExitCode.FETCH_FAILED) {
                throw e;
            }
            refreshed = true;
            notices.warn().accept("cannot fetch the package index, so components come from git: " + e.getMessage());
            return Optional.empty();
        }
        Optional<Manifest> found = local.find(type, name);
        if (found.isPresent()
                && version.isPresent()
                && !found.get().knows(version.get())
                && !refreshed
                && !settings.offline()) {
            notices.info()
                    .accept(type + "/" + name + ": " + version.get()
                            + " is not in the local package index; updating it");
            try {
                update();
                found = local.find(type, name);
            } catch (KraftException e) {
                if (e.exitCode() != ExitCode.FETCH_FAILED) {
                    throw e;
                }
                notices.warn().accept("cannot update the package index: " + e.getMessage());
            }
        }
        return found;
    }

    /** The one manifest a query names; without a type, the name must be unique across core, lib and app. */
    public Manifest manifest(PackageQuery query) {
        List<Manifest> found = all().stream()
                .filter(m -> m.name().equals(query.name()))
                .filter(m -> query.type()
                        .map(t -> PackageQuery.typeName(t).equals(m.type()))
                        .orElse(Set.of("core", "lib", "app").contains(m.type())))
                .toList();
        if (found.isEmpty()) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    "no package " + query + " in the package index"
                            + (hasLocalIndex() ? "" : " (there is none yet: run 'kraft pkg update')"));
        }
        if (found.size() > 1) {
            throw new KraftException(
                    ExitCode.USAGE,
                    query.name() + " is ambiguous: "
                            + found.stream().map(Manifest::qualifiedName).toList() + "; name the type, e.g. "
                            + found.get(0).qualifiedName());
        }
        return found.get(0);
    }

    public List<Manifest> all() {
        refreshIfStale();
        return local.all();
    }

    private void refreshIfStale() {
        if (refreshed || settings.offline()) {
            return;
        }
        Optional<Instant> last = local.lastUpdated();
        if (last.isPresent() && !last.get().plus(settings.maxAge()).isBefore(clock.instant())) {
            return;
        }
        notices.info()
                .accept(
                        last.isEmpty()
                                ? "fetching the package index"
                                : "updating the package index (older than "
                                        + settings.maxAge()
                                                .toString()
                                                .substring(2)
                                                .toLowerCase(Locale.ROOT) + ")");
        try {
            update();
        } catch (KraftException e) {
            if (last.isEmpty()) {
                throw e;
            }
            refreshed = true;
            notices.warn()
                    .accept("cannot update the package index, using the one from " + last.get() + ": "
                            + e.getMessage());
        }
    }
}
