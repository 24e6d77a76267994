package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.testing.Tarballs;
import dev.kraft.unikraft.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container image for one Linux platform out of an OCI layout: Docker's media types too, every blob checked. */
class ContainerImagesTest {
    @TempDir
    Path layout;

    @Test
    void aDockerListIsNarrowedToTheMachinesPlatformAndVariant() throws IOException {
        String amd = manifest(
                "amd64",
                "{\"Env\":[\"A=1\"],\"Entrypoint\":[\"/bin/sh\"],\"Cmd\":[\"-c\",\"x\"],\"WorkingDir\":\"/srv\"}",
                "amd-layer");
        String armv6 = manifest("arm", "{}", "armv6-layer");
        String armv7 = manifest("arm", "{}", "armv7-layer");
        String list = "{\"schemaVersion\":2,\"mediaType\":\"" + ContainerMediaTypes.DOCKER_LIST + "\",\"manifests\":["
                + entry(armv6, "arm", "v6") + "," + entry(amd, "amd64", "") + "," + entry(armv7, "arm", "v7") + "]}";
        index(blob(list), ContainerMediaTypes.DOCKER_LIST);

        ContainerImage image = ContainerImages.fromLayout(layout, ContainerImages.Platform.linux(Arch.X86_64), "img");
        assertEquals(
                new ContainerImage.Config(
                        "linux", "amd64", List.of("A=1"), List.of("/bin/sh"), List.of("-c", "x"), Optional.of("/srv")),
                image.config());
        assertEquals("amd-layer", Files.readString(image.layers().get(0)));
        assertEquals(
                "armv7-layer",
                Files.readString(ContainerImages.fromLayout(layout, ContainerImages.Platform.linux(Arch.ARM), "img")
                        .layers()
                        .get(0)));

        KraftException none = assertThrows(
                KraftException.class,
                () -> ContainerImages.fromLayout(layout, ContainerImages.Platform.linux(Arch.ARM64), "img"));
        assertEquals(ExitCode.NOT_FOUND, none.exitCode());
        assertEquals(
                "img has no image for linux/arm64; it has: linux/arm/v6, linux/amd64, linux/arm/v7", none.getMessage());
    }

    @Test
    void aChangedLayerIsRefused() throws IOException {
        String manifest = manifest("amd64", "{}", "layer");
        index(manifest, Descriptor.MANIFEST);
        Path layer = layout.resolve("blobs/sha256/" + sha256("layer"));
        Files.writeString(layer, "LAYER");
        KraftException e = assertThrows(
                KraftException.class,
                () -> ContainerImages.fromLayout(layout, ContainerImages.Platform.linux(Arch.X86_64), "img"));
        assertEquals(ExitCode.VERIFY_FAILED, e.exitCode());
    }

    /** A manifest (Docker's schema 2) of one layer; returns its descriptor's JSON fields. */
    private String manifest(String arch, String config, String layer) throws IOException {
        String configBlob = blob("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":" + config + "}");
        String layerBlob = blob(layer);
        return blob("{\"schemaVersion\":2,\"mediaType\":\"" + ContainerMediaTypes.DOCKER_MANIFEST
                + "\",\"config\":{\"mediaType\":\""
                + ContainerMediaTypes.DOCKER_CONFIG + "\"," + configBlob + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\"," + layerBlob + "}]}");
    }

    private static String entry(String descriptor, String arch, String variant) {
        return "{\"mediaType\":\"" + ContainerMediaTypes.DOCKER_MANIFEST + "\"," + descriptor
                + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\""
                + (variant.isEmpty() ? "" : ",\"variant\":\"" + variant + "\"") + "}}";
    }

    private void index(String descriptor, String mediaType) throws IOException {
        Files.writeString(
                layout.resolve("index.json"),
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + mediaType + "\"," + descriptor + "}]}");
    }

    /** Stores content as a blob; returns {@code "digest":…,"size":…}. */
    private String blob(String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path dir = Files.createDirectories(layout.resolve("blobs/sha256"));
        String hex = sha256(content);
        Files.write(dir.resolve(hex), bytes);
        return "\"digest\":\"sha256:" + hex + "\",\"size\":" + bytes.length;
    }

    private static String sha256(String content) {
        return Tarballs.sha256(content.getBytes(StandardCharsets.UTF_8));
    }
}
