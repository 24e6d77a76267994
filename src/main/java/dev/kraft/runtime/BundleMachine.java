package dev.kraft.runtime;

import dev.kraft.machine.KernelFiles;
import dev.kraft.machine.MachineRequest;
import dev.kraft.machine.MachineSpec;
import dev.kraft.pkg.oci.LayerTar;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.CommandLineSplit;
import dev.kraft.unikraft.KConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a bundle boots: the kernel (and initrd) where KraftKit's image layout puts them in the
 * root filesystem, {@code process.args} as the kernel's command line ({@code --} splits kernel
 * from application arguments, as a Kraftfile's cmd), {@code process.env} as its environment,
 * memory and CPUs from {@code linux.resources}, and bind-mounted host directories as 9p volumes
 * when the kernel has a 9p file system to mount them with.
 */
public final class BundleMachine {
    /** The 9p file system's name, which a Unikraft kernel that can mount 9p volumes carries. */
    private static final byte[] NINE_P = "9pfs".getBytes(StandardCharsets.US_ASCII);
    /** Where the runtime's own mounts go (proc, sysfs, devices, shm): nothing a unikernel shares. */
    private static final List<String> SYSTEM_PATHS = List.of("/dev", "/proc", "/sys");

    private BundleMachine() {}

    /** @param warn told what the guest will not get (a mount its kernel cannot take) */
    public static MachineRequest request(String id, Bundle bundle, Consumer<String> warn) {
        Path kernel = inRootfs(bundle, LayerTar.KERNEL)
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND,
                        "the bundle's root filesystem " + bundle.rootfs() + " has no kernel at " + LayerTar.KERNEL
                                + ": not a unikernel image (kraft pkg and KraftKit put the kernel there)"));
        Arch arch = KernelFiles.arch(kernel)
                .orElseThrow(() -> new KraftException(
                        ExitCode.INVALID_INPUT, kernel + " is not an ELF kernel for x86_64, arm64 or arm"));
        CommandLineSplit cmd = CommandLineSplit.of(bundle.args());
        MachineSpec.Builder spec = MachineSpec.builder()
                .source("bundle://" + bundle.dir())
                .kernel(kernel)
                .initrd(inRootfs(bundle, LayerTar.INITRD))
                .arch(arch)
                .kernelArgs(cmd.kernelArgs())
                .appArgs(cmd.appArgs())
                .env(bundle.env())
                .volumes(volumes(bundle, kernel, warn));
        bundle.memoryBytes().ifPresent(spec::memoryBytes);
        bundle.cpus().ifPresent(spec::cpus);
        return new MachineRequest(Optional.of(id), spec.build(), List.of(), false, KConfig.empty());
    }

    /** A regular file of the root filesystem, never one a link takes outside it. */
    private static Optional<Path> inRootfs(Bundle bundle, String path) {
        Path file = bundle.rootfs().resolve(path.substring(1));
        try {
            if (!Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(bundle.rootfs().toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<MachineSpec.Volume> volumes(Bundle bundle, Path kernel, Consumer<String> warn) {
        List<Bundle.Mount> shared = bundle.mounts().stream()
                .filter(Bundle.Mount::bind)
                .filter(m -> SYSTEM_PATHS.stream()
                        .noneMatch(p ->
                                m.destination().equals(p) || m.destination().startsWith(p + "/")))
                .filter(m -> Files.isDirectory(Path.of(m.source())))
                .toList();
        if (shared.isEmpty()) {
            return List.of();
        }
        if (!mentions(kernel, NINE_P)) {
            shared.forEach(m -> warn.accept(
                    "mount " + m.source() + ":" + m.destination() + " left out: the kernel has no 9p file system"));
            return List.of();
        }
        List<MachineSpec.Volume> volumes = new ArrayList<>();
        shared.forEach(m -> volumes.add(new MachineSpec.Volume(Path.of(m.source()), m.destination(), m.readOnly())));
        return volumes;
    }

    private static boolean mentions(Path file, byte[] needle) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readAllBytes();
            outer:
            for (int i = 0; i + needle.length <= data.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
