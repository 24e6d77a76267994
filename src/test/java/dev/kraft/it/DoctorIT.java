package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorIT {
    @TempDir
    Path tmp;

    @Test
    void checksContainerdAndKraftRunuWhenAsked() throws Exception {
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        Path bin = KraftCli.LAUNCHER.getParent();
        KraftCli.Result ready =
                kraft.with("PATH", bin + ":" + System.getenv("PATH")).run(tmp, "doctor", "--containerd");
        assertEquals(0, ready.exit(), ready::toString);
        assertTrue(
                ready.out().lines().anyMatch(l -> l.startsWith("containerd ") && l.contains("/containerd")),
                ready::toString);
        assertTrue(
                ready.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("kraft-runu --version") && l.contains("kraft-runu version")),
                ready::toString);
        assertTrue(
                ready.out().lines().anyMatch(l -> l.startsWith("CNI bridge plugin") && l.contains("/bridge")),
                ready::toString);

        KraftCli.Result without = kraft.with("PATH", System.getenv("PATH")).run(tmp, "doctor", "--containerd");
        assertEquals(1, without.exit(), "kraft-runu not on PATH: " + without);
        assertTrue(
                without.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("kraft-runu ")
                                && l.contains("MISSING")
                                && l.contains("install.sh installs it beside kraft")),
                without::toString);
        assertTrue(
                kraft.run(tmp, "doctor").out().lines().noneMatch(l -> l.startsWith("containerd")), "only when asked");
    }

    @Test
    void reportsEachToolWithItsFix() throws Exception {
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        KraftCli.Result healthy = kraft.run(tmp, "doctor");
        assertEquals(0, healthy.exit(), healthy::toString);
        assertTrue(
                healthy.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("qemu-system-x86_64") && l.contains("/qemu-system-x86_64")),
                healthy::toString);
        assertTrue(
                healthy.out().lines().anyMatch(l -> l.startsWith("buildah") && l.contains("/buildah")),
                healthy::toString);
        KraftCli.Result buildkit =
                kraft.with("KRAFTKIT_BUILDKIT_HOST", "tcp://127.0.0.1:1").run(tmp, "doctor");
        assertTrue(
                buildkit.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("buildctl")
                                && l.contains("missing")
                                && l.endsWith("install BuildKit's buildctl, or unset buildkit_host")),
                buildkit::toString);
        kraft.with("KRAFTKIT_BUILDKIT_HOST", "");

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("sh", "dirname", "readlink", "java")) {
            Files.createSymbolicLink(
                    bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        KraftCli.Result sick = kraft.with("PATH", bin.toString()).run(tmp, "doctor");
        assertEquals(1, sick.exit(), sick::toString);
        assertTrue(
                sick.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("qemu-system-x86_64")
                                && l.contains("MISSING")
                                && l.endsWith("apt-get install qemu-system-x86")),
                sick::toString);
        assertTrue(
                sick.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("buildah")
                                && l.contains("missing")
                                && l.endsWith("apt-get install buildah")),
                sick::toString);
    }
}
