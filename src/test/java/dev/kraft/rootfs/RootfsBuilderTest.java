package dev.kraft.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Processes;
import dev.kraft.testing.Tarballs;
import dev.kraft.unikraft.Arch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BuildKit branch of the builder with a stand-in {@code buildctl} (no BuildKit daemon is
 * packaged for these machines): its OCI archive is unpacked, flattened and read like buildah's
 * layout. RootfsIT drives the real buildah.
 */
class RootfsBuilderTest {
    @TempDir
    Path dir;

    @Test
    void buildkitsOciArchiveBecomesTheRootfs() throws Exception {
        byte[] layer = Tarballs.plain()
                .directory("etc/")
                .file("etc/motd", "from buildkit\n")
                .bytes();
        String layerHex = Tarballs.sha256(layer);
        byte[] config =
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"K=v\"],\"Cmd\":[\"/motd\"]}}"
                        .getBytes(StandardCharsets.UTF_8);
        String configHex = Tarballs.sha256(config);
        byte[] manifest =
                ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + configHex
                                + "\",\"size\":" + config.length
                                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:"
                                + layerHex
                                + "\",\"size\":" + layer.length + "}]}")
                        .getBytes(StandardCharsets.UTF_8);
        String manifestHex = Tarballs.sha256(manifest);
        byte[] archive = Tarballs.plain()
                .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file(
                        "index.json",
                        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                                + "\"digest\":\"sha256:" + manifestHex + "\",\"size\":" + manifest.length + "}]}")
                .directory("blobs/")
                .directory("blobs/sha256/")
                .file("blobs/sha256/" + layerHex, layer, 0644)
                .file("blobs/sha256/" + configHex, config, 0644)
                .file("blobs/sha256/" + manifestHex, manifest, 0644)
                .bytes();
        Path image = Files.write(dir.resolve("image.tar"), archive);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        AtomicFiles.writeExecutable(
                bin.resolve("buildctl"),
                ("#!/bin/sh\necho \"$@\" >> " + calls + "\n" + "for a; do case $a in type=oci,dest=*) cp " + image
                                + " \"${a#type=oci,dest=}\" ;; esac; done\n")
                        .getBytes(StandardCharsets.UTF_8));
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");
        Console console = new Console(
                LogType.BASIC,
                LogLevel.INFO,
                false,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        RootfsBuilder builder = new RootfsBuilder(
                console,
                new Processes(env),
                env,
                new RootfsBuilder.Settings(
                        dir.resolve("buildah"), Optional.of("tcp://127.0.0.1:1234"), Set.of(), Optional.empty()),
                () -> {
                    throw new AssertionError("no registry is asked");
                });

        Path output = project.resolve(".unikraft/build/initramfs-x86_64.cpio");
        Rootfs rootfs = builder.build(
                new RootfsBuilder.Request("./Dockerfile", project, Arch.X86_64, output, DockerfileOptions.none()));
        assertEquals(
                new Rootfs(output, "Dockerfile", List.of("K=v"), List.of(), List.of("/motd"), Optional.empty()),
                rootfs);
        assertEquals(List.of("./etc 40755", "./etc/motd 100644 from buildkit\n"), LayerFlattenerTest.entries(output));
        assertTrue(
                Files.readString(calls).startsWith("--addr tcp://127.0.0.1:1234 build --frontend dockerfile.v0"),
                Files.readString(calls));
        try (var left = Files.list(output.getParent())) {
            assertEquals(
                    List.of("initramfs-x86_64.cpio", "initramfs-x86_64.cpio.log"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no scratch left behind");
        }
    }
}
