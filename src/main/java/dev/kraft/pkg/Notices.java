package dev.kraft.pkg;

import java.util.function.Consumer;

/**
 * What the package manager tells the user while it works (updating the index, downloading).
 * The CLI binds it to its console; {@code pkg} itself has no console to write to.
 */
public record Notices(Consumer<String> info, Consumer<String> warn, Consumer<String> debug) {

    public static final Notices NONE = new Notices(m -> { }, m -> { }, m -> { });
}
