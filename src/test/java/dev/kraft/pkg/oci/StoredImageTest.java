package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an image's variant is chosen for a machine, and what is said when none fits. */
class StoredImageTest {
    private static StoredImage.Variant variant(String os, String arch, Map<String, String> annotations) {
        Descriptor.Platform platform = new Descriptor.Platform(arch, os, "", List.of());
        Descriptor config = Descriptor.of(Descriptor.CONFIG, (os + arch).getBytes(), Map.of(), Optional.empty());
        Descriptor manifest = Descriptor.of(
                Descriptor.MANIFEST, (os + arch + annotations).getBytes(), annotations, Optional.of(platform));
        return new StoredImage.Variant(
                manifest,
                new OciJson.Manifest(config, List.of(), annotations),
                new ImageConfig(platform, List.of(), List.of(), Map.of(), List.of()));
    }

    private static StoredImage image(StoredImage.Variant... variants) {
        return new StoredImage(
                "runtime r:1",
                Descriptor.of(Descriptor.INDEX, new byte[0], Map.of(), Optional.empty()),
                List.of(variants));
    }

    @Test
    void theVariantOfThePlatformIsChosenAndAMissingOneNamesWhatThereIs() {
        Map<String, String> kraftkit = Map.of(StoredImage.KRAFTKIT_VERSION, "0.1.0");
        StoredImage.Variant qemu = variant("qemu", "x86_64", kraftkit);
        StoredImage image = image(qemu, variant("fc", "x86_64", kraftkit));
        assertEquals(qemu, image.select(Plat.QEMU, Arch.X86_64));
        KraftException missing = assertThrows(KraftException.class, () -> image.select(Plat.QEMU, Arch.ARM64));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertEquals(
                "runtime r:1 has no unikernel for qemu/arm64; it has: qemu/x86_64, fc/x86_64", missing.getMessage());
    }

    @Test
    void aManifestWithoutKraftKitsAnnotationIsNoUnikernelAndSaysSo() {
        KraftException e = assertThrows(
                KraftException.class,
                () -> image(variant("qemu", "x86_64", Map.of())).select(Plat.QEMU, Arch.X86_64));
        assertEquals(
                "runtime r:1 has no unikernel for qemu/x86_64: its manifest for it lacks the sh.kraftkit.version annotation of"
                        + " unikernel images",
                e.getMessage());
    }
}
