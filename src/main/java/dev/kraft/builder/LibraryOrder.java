package dev.kraft.builder;

import dev.kraft.kraftfile.ComponentSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of {@code L=}, as KraftKit passes it, because Unikraft links libraries in this
 * order: the C++ runtime and Go first, then the libc (musl, else newlib with
 * pthread-embedded), then every other library by name.
 */
final class LibraryOrder {
    private static final List<String> FIRST = List.of("libcxxabi", "libcxx", "libunwind", "compiler-rt", "libgo");

    private LibraryOrder() {}

    static List<ComponentSpec> sort(List<ComponentSpec> libraries) {
        List<ComponentSpec> ordered = new ArrayList<>();
        for (String name : FIRST) {
            take(libraries, name, ordered);
        }
        if (!take(libraries, "musl", ordered)) {
            take(libraries, "newlib", ordered);
            take(libraries, "pthread-embedded", ordered);
        }
        libraries.stream()
                .filter(l -> !ordered.contains(l))
                .sorted(Comparator.comparing(ComponentSpec::name))
                .forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private static boolean take(List<ComponentSpec> libraries, String name, List<ComponentSpec> into) {
        return libraries.stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .map(into::add)
                .orElse(false);
    }
}
