package dev.kraft.support;

import java.util.function.Consumer;

/**
 * What a domain service tells the user while it works (updating the index, downloading, probing
 * the host for a hypervisor).
 * The CLI binds it to its console; the domain packages have no console to write to.
 */
public record Notices(Consumer<String> info, Consumer<String> warn, Consumer<String> debug) {

    public static final Notices NONE = new Notices(m -> { }, m -> { }, m -> { });
}
