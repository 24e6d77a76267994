package dev.kraft.pkg;

import dev.kraft.unikraft.ComponentType;
import java.util.Optional;

/** A component to fetch: which one, from where if the user said, at which version if they said. */
public record PackageRequest(ComponentType type, String name, Optional<String> url, Optional<String> version) {

    /** Where Unikraft's own repositories live; used when a Kraftfile names no source. */
    public String sourceOrDefault() {
        return url.orElseGet(() -> switch (type) {
            case CORE -> "https://github.com/unikraft/unikraft.git";
            case LIB -> "https://github.com/unikraft/lib-" + name + ".git";
            case APP -> "https://github.com/unikraft/app-" + name + ".git";
        });
    }
}
