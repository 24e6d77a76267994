package dev.kraft.builder;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a target's configuration was made from: the merged defconfig, every make variable, and
 * each component's identity and Config.uk. When none of it changed since the last successful
 * configure (or prepare), that step is skipped: each make call of a real Unikraft tree costs
 * seconds of Makefile parsing, and a skipped configure also keeps what the user changed with
 * {@code kraft menu}.
 */
final class Fingerprint {
    private Fingerprint() {}

    static String of(Workdir workdir, TargetPlan plan) {
        StringBuilder inputs = new StringBuilder(Defconfig.write(plan.kconfig()));
        inputs.append(plan.build().variables())
                .append('\n')
                .append(plan.build().core())
                .append('\n');
        for (ComponentSpec component : workdir.project().components()) {
            Path dir = workdir.dirOf(component);
            inputs.append(dir)
                    .append(' ')
                    .append(ComponentPlacer.placedIdentity(workdir, component).orElse("local"))
                    .append(' ')
                    .append(stamp(dir.resolve("Config.uk")))
                    .append('\n');
        }
        inputs.append(workdir.appDir())
                .append(' ')
                .append(stamp(workdir.appDir().resolve("Config.uk")));
        return Digests.sha256(inputs.toString());
    }

    static boolean matches(Path file, String fingerprint) {
        try {
            return Files.isRegularFile(file)
                    && Files.readString(file, StandardCharsets.UTF_8).strip().equals(fingerprint);
        } catch (IOException e) {
            return false;
        }
    }

    static void store(Path file, String fingerprint) throws IOException {
        AtomicFiles.writeString(file, fingerprint + "\n");
    }

    static void forget(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static String stamp(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file)
                    : "-";
        } catch (IOException e) {
            return "?";
        }
    }
}
