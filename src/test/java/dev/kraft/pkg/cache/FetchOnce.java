package dev.kraft.pkg.cache;

import dev.kraft.support.Http;
import dev.kraft.support.Notices;
import dev.kraft.support.Retry;
import dev.kraft.support.SafeUnpacker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A separate process for the concurrency test: fetches one archive into a store, prints the tree. */
public final class FetchOnce {
    private FetchOnce() {}

    public static void main(String[] args) {
        ArchiveStore store = new ArchiveStore(
                Path.of(args[0]),
                new Http(Duration.ofSeconds(10), Retry.DOWNLOADS, Notices.NONE),
                SafeUnpacker.Limits.SOURCES,
                Clock.systemUTC());
        ArchiveStore.Fetched fetched = store.fetch(
                new ArchiveStore.Request("lib/x 1.0", URI.create(args[1]), Optional.of(args[2]), Instant.EPOCH), false);
        System.out.println(fetched.tree());
    }
}
