package dev.kraft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.machine.MachineRequest;
import dev.kraft.machine.MachineSpec;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json as containerd writes it (ctr run, the CRI plugin), read into what a unikernel boots with. */
class BundleTest {
    /** The first bytes of an ELF32 i386 file: what Unikraft's x86_64 multiboot kernels are. */
    private static final byte[] ELF_I386 = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0};

    @TempDir
    Path bundle;

    private Bundle write(String json) throws IOException {
        Files.writeString(bundle.resolve("config.json"), json);
        return Bundle.read(bundle);
    }

    private void kernel(byte[] content) throws IOException {
        Files.createDirectories(bundle.resolve("rootfs/unikraft/bin"));
        Files.write(bundle.resolve("rootfs/unikraft/bin/kernel"), content);
    }

    @Test
    void processResourcesMountsAndANewNetworkNamespace() throws IOException {
        Bundle read = write("""
                {"ociVersion": "1.0.2-dev", "root": {"path": "rootfs"},
                 "process": {"args": ["netdev.ip=1", "--", "a", "b c"], "env": ["PATH=/bin", "GREETING=hi=there"]},
                 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                            {"destination": "/data", "type": "bind", "source": "/tmp", "options": ["rbind", "ro"]}],
                 "linux": {"resources": {"memory": {"limit": 134217728}, "cpu": {"quota": 150000, "period": 100000}},
                           "namespaces": [{"type": "pid"}, {"type": "network"}]}}
                """);
        assertEquals(bundle.resolve("rootfs"), read.rootfs());
        assertEquals(List.of("netdev.ip=1", "--", "a", "b c"), read.args());
        assertEquals(Map.of("PATH", "/bin", "GREETING", "hi=there"), read.env());
        assertEquals(OptionalLong.of(128L << 20), read.memoryBytes());
        assertEquals(OptionalInt.of(2), read.cpus(), "1.5 CPUs of quota round up");
        assertEquals(Optional.of(Bundle.NEW_NAMESPACE), read.network());
        assertTrue(read.mounts().get(1).bind() && read.mounts().get(1).readOnly());
        assertFalse(read.sandbox());
    }

    @Test
    void aPodsNamespaceByPathTheHostsWithoutOneAndTheSandboxByItsAnnotation() throws IOException {
        Bundle pod = write("""
                {"root": {"path": "/abs/rootfs"}, "annotations": {"io.kubernetes.cri.container-type": "sandbox"},
                 "linux": {"resources": {"cpu": {"cpus": "0-1,3"}}, "namespaces": [{"type": "network", "path": "/var/run/netns/cni-1"}]}}
                """);
        assertEquals(Optional.of(Path.of("/var/run/netns/cni-1")), pod.network());
        assertEquals(Path.of("/abs/rootfs"), pod.rootfs());
        assertEquals(OptionalInt.of(3), pod.cpus());
        assertTrue(pod.sandbox());
        assertEquals(
                Optional.empty(), write("{\"root\": {\"path\": \"rootfs\"}}").network());
    }

    @Test
    void malformedJsonNamesTheFileLineAndColumn() {
        KraftException e = assertThrows(
                KraftException.class, () -> write("{\"root\": {\"path\": \"rootfs\"},\n  \"process\": [}\n"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(bundle.resolve("config.json") + ":2:"), e.getMessage());
        KraftException missing = assertThrows(KraftException.class, () -> Bundle.read(bundle.resolve("nowhere")));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
    }

    @Test
    void argsSplitAtTheDashesEnvGoesAlongAndResourcesSizeTheMachine() throws IOException {
        kernel(ELF_I386);
        Bundle read = write("""
                {"root": {"path": "rootfs"}, "process": {"args": ["vfs.debug=1", "--", "a"], "env": ["K=V"]},
                 "mounts": [{"destination": "/data", "type": "bind", "source": "%s", "options": ["rbind"]}],
                 "linux": {"resources": {"memory": {"limit": 268435456}, "cpu": {"quota": 200000, "period": 100000}}}}
                """.formatted(bundle));
        List<String> warnings = new ArrayList<>();
        MachineRequest request = BundleMachine.request("web", read, warnings::add);
        MachineSpec spec = request.spec();
        assertEquals(Optional.of("web"), request.name());
        assertEquals(bundle.resolve("rootfs/unikraft/bin/kernel"), spec.kernel());
        assertEquals(List.of("vfs.debug=1"), spec.kernelArgs());
        assertEquals(List.of("a"), spec.appArgs());
        assertEquals(Map.of("K", "V"), spec.env());
        assertEquals(256L << 20, spec.memoryBytes());
        assertEquals(2, spec.cpus());
        assertEquals(List.of(), spec.volumes(), "this kernel has no 9p file system");
        assertEquals(List.of("mount " + bundle + ":/data left out: the kernel has no 9p file system"), warnings);
    }

    @Test
    void aKernelWithNinePGetsTheBindMountsAsVolumes() throws IOException {
        byte[] with9p = new byte[ELF_I386.length + 4];
        System.arraycopy(ELF_I386, 0, with9p, 0, ELF_I386.length);
        System.arraycopy("9pfs".getBytes(), 0, with9p, ELF_I386.length, 4);
        kernel(with9p);
        Bundle read = write("""
                {"root": {"path": "rootfs"}, "mounts": [{"destination": "/dev/shm", "type": "bind", "source": "%1$s"},
                 {"destination": "/data", "type": "bind", "source": "%1$s", "options": ["rbind", "ro"]}]}
                """.formatted(bundle));
        assertEquals(
                List.of(new MachineSpec.Volume(bundle, "/data", true)),
                BundleMachine.request("web", read, w -> {}).spec().volumes());
    }

    @Test
    void aRootFilesystemWithoutAKernelIsNotAUnikernel() throws IOException {
        Files.createDirectories(bundle.resolve("rootfs/bin"));
        Bundle read = write("{\"root\": {\"path\": \"rootfs\"}, \"process\": {\"args\": [\"/bin/sh\"]}}");
        KraftException e = assertThrows(KraftException.class, () -> BundleMachine.request("web", read, w -> {}));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(
                e.getMessage().contains("has no kernel at /unikraft/bin/kernel: not a unikernel image"),
                e.getMessage());
    }

    @Test
    void aKernelLinkedOutOfTheRootFilesystemIsNotTaken() throws IOException {
        Files.write(bundle.resolve("outside"), ELF_I386);
        Files.createDirectories(bundle.resolve("rootfs/unikraft/bin"));
        Files.createSymbolicLink(bundle.resolve("rootfs/unikraft/bin/kernel"), bundle.resolve("outside"));
        Bundle read = write("{\"root\": {\"path\": \"rootfs\"}}");
        assertThrows(KraftException.class, () -> BundleMachine.request("web", read, w -> {}));
    }
}
