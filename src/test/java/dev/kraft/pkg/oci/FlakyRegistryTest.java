package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.Notices;
import dev.kraft.support.Progress;
import dev.kraft.support.Retry;
import dev.kraft.testing.HostileRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that fails and recovers (HostileRegistry.Fault.FLAKY: 429 for the tag, 503 for the
 * config, the layer cut off once): the pull waits, asks again, takes the rest of the layer by
 * range, and stores a whole, verified image; each blob's bytes reach the progress.
 */
class FlakyRegistryTest {
    @TempDir
    Path tmp;

    @Test
    void aPullRetriesResumesAndStoresTheWholeImage() throws Exception {
        byte[] kernel = new byte[200 * 1024];
        new Random(3).nextBytes(kernel);
        List<String> warnings = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        Notices notices = new Notices(m -> {}, warnings::add, m -> {}, (label, unit) -> {
            labels.add(label);
            return new Progress() {
                @Override
                public void update(long bytes, long total) {
                    done.add(bytes);
                }

                @Override
                public void close() {}
            };
        });
        try (HostileRegistry registry = new HostileRegistry(kernel, HostileRegistry.Fault.FLAKY)) {
            RegistryClient client = new RegistryClient(
                    Tls.context(Optional.empty()),
                    Set.of(),
                    Duration.ofSeconds(5),
                    host -> Optional.empty(),
                    new Retry(3, Duration.ofMillis(10), Duration.ofSeconds(5)),
                    notices);
            OciStore store = new OciStore(tmp.resolve("store"));
            long started = System.nanoTime();
            Puller.Pulled pulled = new Puller(store, client, message -> {}).pull(ImageRef.parse(registry.reference()));
            assertTrue(System.nanoTime() - started >= 1_000_000_000L, "the 429's Retry-After: 1 was waited for");
            assertTrue(store.find(ImageRef.parse(registry.reference())).isPresent());
            assertEquals(
                    pulled.index().digest(),
                    store.find(ImageRef.parse(registry.reference()))
                            .orElseThrow()
                            .digest());
            assertEquals(3, warnings.size(), warnings::toString);
            assertTrue(
                    warnings.get(0)
                            .startsWith("GET manifest latest from "
                                    + registry.reference().split("/")[0] + ": HTTP 429"),
                    warnings::toString);
            assertTrue(
                    warnings.stream()
                            .anyMatch(w ->
                                    w.startsWith("GET blob " + registry.digest("config")) && w.contains("HTTP 503")),
                    warnings::toString);
            assertTrue(
                    warnings.stream()
                            .anyMatch(
                                    w -> w.startsWith("GET blob " + registry.digest("layer")) && w.contains(" after ")),
                    warnings::toString);
            List<String> ranges = registry.blobRanges();
            assertEquals(
                    1,
                    ranges.stream().filter(r -> r.matches("bytes=[1-9]\\d*-")).count(),
                    "the layer's rest asked by range: " + ranges);
            assertTrue(
                    labels.contains("pulling " + registry.reference().replace(":latest", "@")
                            + registry.digest("layer").substring(0, 19)),
                    labels::toString);
            assertTrue(
                    done.stream().anyMatch(n -> n > kernel.length),
                    "the layer's bytes reached the progress: " + done.size());
        }
    }
}
