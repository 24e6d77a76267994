package dev.kraft.support;

import java.util.function.Consumer;

/**
 * What a domain service tells the user while it works (updating the index, downloading, probing
 * the host for a hypervisor), and where it reports the progress of long work (downloads, clones).
 * The CLI binds it to its console; the domain packages have no console to write to.
 */
public record Notices(Consumer<String> info, Consumer<String> warn, Consumer<String> debug, ProgressSink progress) {

    public static final Notices NONE = new Notices(m -> {}, m -> {}, m -> {});

    /** Messages only; progress is not shown. */
    public Notices(Consumer<String> info, Consumer<String> warn, Consumer<String> debug) {
        this(info, warn, debug, ProgressSink.NONE);
    }
}
