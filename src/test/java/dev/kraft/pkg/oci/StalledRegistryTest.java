package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Retry;
import dev.kraft.testing.HostileRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that stops sending in the middle of a blob: the pull fails once the idle timeout
 * passes without a byte, naming the blob, instead of waiting for ever. (Through bin/kraft the
 * timeout is a minute; here the client is given one second.)
 */
class StalledRegistryTest {
    @TempDir
    Path tmp;

    @Test
    void aStallMidBlobFailsAfterTheIdleTimeout() throws Exception {
        try (HostileRegistry registry = new HostileRegistry(new byte[64 * 1024], HostileRegistry.Fault.STALLED_BLOB)) {
            RegistryClient client = new RegistryClient(
                    Tls.context(Optional.empty()),
                    Set.of(),
                    Duration.ofSeconds(1),
                    host -> Optional.empty(),
                    Retry.ONCE,
                    Notices.NONE);
            Puller puller = new Puller(new OciStore(tmp.resolve("store")), client, message -> {});
            KraftException e = assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertThrows(KraftException.class, () -> puller.pull(ImageRef.parse(registry.reference()))));
            assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
            String registryHost = registry.reference().replace("/kraft/hello:latest", "");
            assertTrue(
                    e.getMessage()
                            .matches("GET blob " + registry.digest("layer") + " from " + registryHost
                                    + " broke off after [1-9][0-9]* of [1-9][0-9]* bytes: no data for 1 s"),
                    e.getMessage());
        }
    }
}
