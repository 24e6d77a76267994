package dev.kraft.machine;

import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One machine as kept on disk (one JSON file each): its spec in plain fields, its state, and the
 * hypervisor process: PID and that process's start time, so a PID the kernel gave to another
 * process since is never mistaken for the machine (and never signalled).
 */
public record MachineRecord(
        String id,
        String name,
        String source,
        String kernel,
        String initrd,
        String arch,
        String plat,
        long memoryBytes,
        int cpus,
        List<String> kernelArgs,
        List<String> appArgs,
        Map<String, String> env,
        List<String> ports,
        List<NetworkAttachment> networks,
        List<String> volumes,
        boolean emulation,
        MachineState state,
        long pid,
        long pidStartMillis,
        long createdAt,
        long startedAt,
        long exitedAt,
        Integer exitCode,
        List<String> command) {

    public static MachineRecord created(String id, MachineSpec spec, long now) {
        return new MachineRecord(id, spec.name(), spec.source(), spec.kernel().toString(),
                spec.initrd().map(Path::toString).orElse(null), spec.arch().id(), spec.plat().id(), spec.memoryBytes(),
                spec.cpus(), spec.kernelArgs(), spec.appArgs(), spec.env(),
                spec.ports().stream().map(PortMapping::spec).toList(), spec.networks(),
                spec.volumes().stream().map(v -> v.hostPath() + ":" + v.guestPath() + (v.readOnly() ? ":ro" : "")).toList(),
                spec.emulation(), MachineState.CREATED, 0, 0, now, 0, 0, null, List.of());
    }

    /** The spec back, to start the machine again. */
    public MachineSpec spec() {
        return new MachineSpec(name, source, Path.of(kernel), Optional.ofNullable(initrd).map(Path::of),
                Arch.parse(arch).orElseThrow(), Plat.parse(plat).orElseThrow(), memoryBytes, cpus, kernelArgs, appArgs,
                env, ports.stream().map(PortMapping::parse).toList(), networks,
                volumes.stream().map(MachineRecord::volume).toList(), emulation);
    }

    public MachineRecord running(long processId, long processStart, long now, List<String> argv) {
        return new MachineRecord(id, name, source, kernel, initrd, arch, plat, memoryBytes, cpus, kernelArgs, appArgs, env,
                ports, networks, volumes, emulation, MachineState.RUNNING, processId, processStart, createdAt, now, 0, null, argv);
    }

    public MachineRecord withState(MachineState newState) {
        return new MachineRecord(id, name, source, kernel, initrd, arch, plat, memoryBytes, cpus, kernelArgs, appArgs, env,
                ports, networks, volumes, emulation, newState, pid, pidStartMillis, createdAt, startedAt, exitedAt, exitCode, command);
    }

    public MachineRecord exited(Integer code, long now) {
        return new MachineRecord(id, name, source, kernel, initrd, arch, plat, memoryBytes, cpus, kernelArgs, appArgs, env,
                ports, networks, volumes, emulation, MachineState.EXITED, 0, 0, createdAt, startedAt, now, code, command);
    }

    public MachineRecord {
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    public boolean active() {
        return state == MachineState.RUNNING || state == MachineState.PAUSED;
    }

    private static MachineSpec.Volume volume(String text) {
        String[] parts = text.split(":");
        return new MachineSpec.Volume(Path.of(parts[0]), parts[1], parts.length > 2 && parts[2].equals("ro"));
    }
}
