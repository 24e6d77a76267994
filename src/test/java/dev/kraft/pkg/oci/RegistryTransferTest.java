package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Retry;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against an in-process registry: digests kept, every piece verified, auth answered. */
class RegistryTransferTest {
    @TempDir
    Path tmp;

    FakeRegistry registry;
    OciStore local;
    ImageRef ref;

    @BeforeEach
    void packageAnImage() throws IOException {
        registry = new FakeRegistry();
        ref = ImageRef.parse(registry.host() + "/hello:1");
        local = new OciStore(tmp.resolve("local"));
        Path kernel = Files.writeString(tmp.resolve("kernel"), "kernel bytes\n".repeat(100));
        List<Packager.Target> targets = List.of(Plat.QEMU, Plat.FC).stream()
                .map(p -> new Packager.Target(
                        Arch.X86_64,
                        p,
                        kernel,
                        Optional.empty(),
                        KConfig.of(Map.of("CONFIG_PLAT_KVM", "y")),
                        true,
                        List.of(),
                        List.of(),
                        Map.of()))
                .toList();
        new Packager(local)
                .pack(new Packager.Request(ref, targets, Packager.Strategy.OVERWRITE, Instant.EPOCH, "0.1.0"));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client(Optional<RegistryAuth.Login> login) {
        return new RegistryClient(
                Tls.context(Optional.empty()),
                Set.of(),
                Duration.ofSeconds(10),
                host -> login,
                Retry.ONCE,
                Notices.NONE);
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(dir::relativize)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void pushThenPullKeepsEveryDigest() {
        String pushed = new Pusher(local, client(Optional.empty()), m -> {}).push(ref);
        OciStore other = new OciStore(tmp.resolve("other"));
        Puller.Pulled pulled = new Puller(other, client(Optional.empty()), m -> {}).pull(ref);
        assertEquals(pushed, pulled.index().digest());
        assertEquals(local.find(ref).orElseThrow().digest(), pulled.index().digest());
        assertEquals(
                "qemu/x86_64, fc/x86_64",
                other.image(ref.toString(), pulled.index()).platforms());
        Puller.Pulled again = new Puller(other, client(Optional.empty()), m -> {}).pull(ref);
        assertTrue(again.downloaded() < pulled.downloaded(), "blobs the store has are not fetched again");
    }

    @Test
    void aTamperedBlobIsRefusedAndNothingIsStored() throws IOException {
        new Pusher(local, client(Optional.empty()), m -> {}).push(ref);
        StoredImage image = local.image(ref.toString(), local.find(ref).orElseThrow());
        String layer = image.variants().get(0).manifest().layers().get(0).digest();
        registry.tamper(layer);
        OciStore other = new OciStore(tmp.resolve("other"));
        KraftException e = assertThrows(
                KraftException.class, () -> new Puller(other, client(Optional.empty()), m -> {}).pull(ref));
        assertEquals(ExitCode.VERIFY_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains(layer) && e.getMessage().contains("refused"), e.getMessage());
        assertEquals(Map.of(), other.images());
        assertEquals(List.of(), files(other.root().resolve("blobs")));
        assertTrue(
                files(other.root().resolve("ingest")).stream().allMatch(f -> f.endsWith(".lock")),
                "no blob left half-way");
    }

    @Test
    void anIndexOtherThanTheRegistryClaimsOrTheReferenceNamesIsRefused() {
        new Pusher(local, client(Optional.empty()), m -> {}).push(ref);
        String other = "sha256:" + "0".repeat(64);
        OciStore store = new OciStore(tmp.resolve("other"));
        registry.alias("hello", "1", other);
        KraftException wrongName = assertThrows(
                KraftException.class,
                () -> new Puller(store, client(Optional.empty()), m -> {})
                        .pull(ImageRef.parse(registry.host() + "/hello@" + other)));
        assertEquals(ExitCode.VERIFY_FAILED, wrongName.exitCode());
        assertTrue(wrongName.getMessage().contains("the registry sent an index with digest"), wrongName.getMessage());
        registry.claim(other);
        KraftException lie = assertThrows(
                KraftException.class, () -> new Puller(store, client(Optional.empty()), m -> {}).pull(ref));
        assertEquals(ExitCode.VERIFY_FAILED, lie.exitCode());
        assertTrue(lie.getMessage().contains("the registry says the index is " + other), lie.getMessage());
        assertEquals(Map.of(), store.images());
    }

    @Test
    void aBearerTokenIsFetchedWithTheLogin() {
        registry.requireBearer("me", "pw");
        KraftException anonymous = assertThrows(
                KraftException.class, () -> new Pusher(local, client(Optional.empty()), m -> {}).push(ref));
        assertEquals(ExitCode.FETCH_FAILED, anonymous.exitCode());
        assertTrue(
                anonymous.getMessage().contains("run `kraft login " + registry.host() + "`"), anonymous.getMessage());
        KraftException wrong = assertThrows(
                KraftException.class,
                () -> new Pusher(local, client(Optional.of(new RegistryAuth.Login("me", "nope", "test"))), m -> {})
                        .push(ref));
        assertTrue(wrong.getMessage().contains("refused the login of me (from test)"), wrong.getMessage());
        RegistryAuth.Login login = new RegistryAuth.Login("me", "pw", "test");
        String pushed = new Pusher(local, client(Optional.of(login)), m -> {}).push(ref);
        OciStore other = new OciStore(tmp.resolve("other"));
        assertEquals(
                pushed,
                new Puller(other, client(Optional.of(login)), m -> {})
                        .pull(ref)
                        .index()
                        .digest());
        assertTrue(registry.authorized.contains("/token"), "the login went to the token service");
    }

    @Test
    void aLoginIsNeverPrintedWithItsSecret() {
        assertFalse(new RegistryAuth.Login("me", "s3cret", "test").toString().contains("s3cret"));
    }
}
