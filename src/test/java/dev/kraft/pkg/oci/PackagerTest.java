package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kraft pkg's image layout, held to golden bytes: KraftKit's documents, in Go's field order, with fixed times. */
class PackagerTest {
    private static final ImageRef REF = ImageRef.parse("localhost:5000/hello:1");

    @TempDir
    Path tmp;

    OciStore store;
    Path kernel;

    @BeforeEach
    void kernel() throws IOException {
        store = new OciStore(tmp.resolve("oci"));
        kernel = Files.writeString(tmp.resolve("hello_qemu-x86_64"), "not really a kernel\n");
    }

    private Packager.Target target(Plat plat, boolean features, Optional<Path> initrd) {
        Map<String, String> kconfig = new LinkedHashMap<>();
        kconfig.put("CONFIG_UK_NAME", "hello");
        kconfig.put("CONFIG_UK_FULLVERSION", "0.17.0~abc");
        kconfig.put("CONFIG_UK_APP", "/home/me/hello");
        kconfig.put("CONFIG_ARCH_X86_64", "y");
        kconfig.put("CONFIG_LIBUKDEBUG", "n");
        kconfig.put("CONFIG_STACK_SIZE_PAGE_ORDER", "4");
        kconfig.put("CONFIG_HELLO_GREETING", "a <b> & c");
        return new Packager.Target(
                Arch.X86_64,
                plat,
                kernel,
                initrd,
                KConfig.of(kconfig),
                features,
                List.of("-v", "x y"),
                List.of("A=1"),
                Map.of("org.example.b", "2", "org.example.a", "1"));
    }

    private Descriptor pack(Packager.Strategy strategy, Instant created, Packager.Target... targets) {
        return new Packager(store).pack(new Packager.Request(REF, List.of(targets), strategy, created, "0.1.0"));
    }

    private String blob(String digest) throws IOException {
        return Files.readString(store.blobs().path(digest.substring("sha256:".length())), StandardCharsets.UTF_8);
    }

    @Test
    void anImageNamedByTagIsFoundByItsDigestInTheSameRepositoryOnly() throws IOException {
        Descriptor index =
                pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, true, Optional.of(kernel)));
        assertEquals(
                Optional.of(index.digest()),
                store.find(ImageRef.parse("localhost:5000/hello@" + index.digest()))
                        .map(Descriptor::digest));
        assertEquals(Optional.empty(), store.find(ImageRef.parse("localhost:5000/other@" + index.digest())));
        assertTrue(
                store.image(REF.toString(), index).variants().get(0).hasInitrd(),
                "the initrd layer carries KraftKit's annotation");
    }

    @Test
    void writesKraftKitsDocumentsByteForByte() throws IOException {
        Descriptor index = pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, true, Optional.empty()));
        String layer = "sha256:58fafb9ea755d56cc08a5c1eb1f58eb006c688cbaf42d2ed9a5f9168589f6085";
        String config = "{\"architecture\":\"x86_64\",\"os\":\"qemu\",\"os.version\":\"0.17.0~abc\",\"os.features\":["
                + "\"CONFIG_ARCH_X86_64=y\",\"CONFIG_HELLO_GREETING=a \\u003cb\\u003e \\u0026 c\",\"CONFIG_STACK_SIZE_PAGE_ORDER=4\","
                + "\"CONFIG_UK_FULLVERSION=0.17.0~abc\",\"CONFIG_UK_NAME=hello\"],"
                + "\"config\":{\"Env\":[\"A=1\"],\"Cmd\":[\"-v\",\"x y\"],\"Labels\":{\"org.example.a\":\"1\",\"org.example.b\":\"2\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer + "\"]}}";
        StoredImage image = store.image(REF.toString(), index);
        StoredImage.Variant variant = image.variants().get(0);
        assertEquals(config, blob(variant.manifest().config().digest()));
        String platform = config.substring(1, config.indexOf(",\"config\""));
        String annotations =
                "{\"io.containerd.image.name\":\"localhost:5000/hello:1\",\"org.opencontainers.image.created\":\"1970-01-01T00:00:00Z\","
                        + "\"org.opencontainers.image.ref.name\":\"localhost:5000/hello\",\"org.unikraft.image.name\":\"localhost:5000/hello\","
                        + "\"org.unikraft.kernel.version\":\"0.17.0~abc\",\"sh.kraftkit.version\":\"0.1.0\"}";
        String manifest =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
                        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                        + variant.manifest().config().digest() + "\","
                        + "\"size\":" + config.length() + ",\"platform\":{" + platform
                        + "}},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                        + "\"digest\":\"" + layer
                        + "\",\"size\":2048,\"annotations\":{\"org.unikraft.kernel.image\":\"/unikraft/bin/kernel\"}}],"
                        + "\"annotations\":" + annotations + "}";
        assertEquals(manifest, blob(variant.descriptor().digest()));
        String indexJson =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                        + variant.descriptor().digest() + "\","
                        + "\"size\":" + manifest.length() + ",\"annotations\":" + annotations + ",\"platform\":{"
                        + platform + "}}],"
                        + "\"annotations\":{\"io.containerd.image.name\":\"localhost:5000/hello:1\",\"org.opencontainers.image.created\":\"1970-01-01T00:00:00Z\","
                        + "\"org.opencontainers.image.ref.name\":\"localhost:5000/hello\",\"sh.kraftkit.version\":\"0.1.0\"}}";
        assertEquals(indexJson, blob(index.digest()));
        assertEquals(
                "sha256:cf249634b6413609e9a1b855f47a32d421fce67e5767c9d8b8c2b86b24bd2d1f",
                index.digest(),
                "golden digest");
    }

    @Test
    void theKernelLayerIsOneFileWithNothingOfThisMachineInIt() throws IOException {
        Descriptor index =
                pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, true, Optional.of(kernel)));
        List<Descriptor> layers =
                store.image(REF.toString(), index).variants().get(0).manifest().layers();
        assertEquals(2, layers.size());
        assertEquals(
                Map.of("org.unikraft.kernel.initrd", "/unikraft/bin/initrd"),
                layers.get(1).annotations());
        Path tar = store.blobs().path(layers.get(0).hex());
        assertEquals(
                512 + 512 + 1024,
                Files.size(tar),
                "header, content padded to 512, two zero records: no 10 KiB padding");
        try (InputStream in = Files.newInputStream(tar);
                TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry = archive.getNextEntry();
            assertEquals("/unikraft/bin/kernel", entry.getName());
            assertEquals(0755, entry.getMode(), "permissions only, as Go's tar.FileInfoHeader writes them");
            assertEquals(0, entry.getModTime().getTime());
            assertEquals("", entry.getUserName());
            assertEquals(0L, entry.getLongUserId());
            assertEquals("not really a kernel\n", new String(archive.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(null, archive.getNextEntry());
        }
    }

    @Test
    void packagingTwiceGivesTheSameDigestAndOnlyTheTimeChangesIt() {
        Descriptor first = pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, true, Optional.empty()));
        Descriptor second = pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, true, Optional.empty()));
        assertEquals(first.digest(), second.digest());
        assertNotEquals(
                first.digest(),
                pack(
                                Packager.Strategy.OVERWRITE,
                                Instant.ofEpochSecond(1700000000),
                                target(Plat.QEMU, true, Optional.empty()))
                        .digest());
    }

    @Test
    void noKconfigKeepsTheVersionButNoFeatures() {
        Descriptor index = pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, false, Optional.empty()));
        Descriptor.Platform platform =
                store.image(REF.toString(), index).variants().get(0).config().platform();
        assertEquals(List.of(), platform.osFeatures());
        assertEquals("0.17.0~abc", platform.osVersion());
    }

    @Test
    void strategiesAbortMergeAndOverwrite() throws IOException {
        pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.QEMU, true, Optional.empty()));
        KraftException abort = assertThrows(
                KraftException.class,
                () -> pack(Packager.Strategy.ABORT, Instant.EPOCH, target(Plat.FC, true, Optional.empty())));
        assertEquals(ExitCode.STATE, abort.exitCode());
        Descriptor merged = pack(Packager.Strategy.MERGE, Instant.EPOCH, target(Plat.FC, true, Optional.empty()));
        assertEquals(
                "qemu/x86_64, fc/x86_64",
                store.image(REF.toString(), merged).platforms(),
                "merge keeps the other platform");
        Descriptor again = pack(Packager.Strategy.MERGE, Instant.EPOCH, target(Plat.FC, true, Optional.empty()));
        assertEquals(merged.digest(), again.digest(), "merging the same platform replaces it");
        Descriptor overwritten =
                pack(Packager.Strategy.OVERWRITE, Instant.EPOCH, target(Plat.FC, true, Optional.empty()));
        assertEquals("fc/x86_64", store.image(REF.toString(), overwritten).platforms());
        try (Stream<Path> blobs = Files.list(store.root().resolve("blobs/sha256"))) {
            assertEquals(4, blobs.count(), "index, manifest, config, layer: what the old index alone used is gone");
        }
        assertTrue(store.remove(REF));
        try (Stream<Path> blobs = Files.list(store.root().resolve("blobs/sha256"))) {
            assertEquals(0, blobs.count());
        }
    }
}
