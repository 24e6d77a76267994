package dev.kraft.pkg.index;

import java.util.List;

/** {@code index.yaml}: the list of manifests a source offers, each by name, type and relative path. */
public record ManifestIndex(String name, String lastUpdated, List<Entry> manifests) {

    public ManifestIndex {
        manifests = List.copyOf(manifests);
    }

    public record Entry(String name, String type, String manifest) {}
}
