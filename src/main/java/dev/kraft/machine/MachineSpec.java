package dev.kraft.machine;

import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that decides how a machine boots, fixed before it starts. {@code source} says
 * where the kernel came from, as KraftKit's ps shows it ({@code project://name:target},
 * {@code kernel://file}).
 */
public record MachineSpec(
        String name,
        String source,
        Path kernel,
        Optional<Path> initrd,
        Arch arch,
        Plat plat,
        long memoryBytes,
        int cpus,
        List<String> kernelArgs,
        List<String> appArgs,
        Map<String, String> env,
        List<PortMapping> ports,
        List<NetworkAttachment> networks,
        List<Volume> volumes,
        boolean emulation) {

    public MachineSpec {
        kernelArgs = List.copyOf(kernelArgs);
        appArgs = List.copyOf(appArgs);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
    }

    /** A host directory shared with the guest over 9p at {@code guestPath}. */
    public record Volume(Path hostPath, String guestPath, boolean readOnly) {
    }
}
