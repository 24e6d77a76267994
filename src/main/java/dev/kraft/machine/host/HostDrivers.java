package dev.kraft.machine.host;

import dev.kraft.machine.Drivers;
import dev.kraft.machine.MachineDriver;
import dev.kraft.machine.Supervisor;
import dev.kraft.machine.firecracker.FirecrackerDriver;
import dev.kraft.machine.qemu.QemuDriver;
import dev.kraft.machine.qemu.QemuHost;
import dev.kraft.machine.qemu.QemuHostProbe;
import dev.kraft.machine.xen.XenDriver;
import dev.kraft.support.Notices;
import dev.kraft.support.Processes;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The hypervisors of this host, one driver per (platform, architecture, emulation): each QEMU
 * host is probed when a machine of its key is first checked or started, and its warnings (no
 * KVM, and why) are told then, once. A machine's own spec chooses its key, so a machine created
 * with emulation runs under TCG and one without under KVM, whatever the order they start in.
 */
public final class HostDrivers implements Drivers {
    private final Settings settings;
    private final Notices notices;
    private final Supervisor supervisor;
    private final Map<Key, MachineDriver> drivers = new HashMap<>();

    /**
     * @param env             the user's environment (PATH)
     * @param kvmDevice       {@code /dev/kvm}, or where the host keeps it
     * @param qemu            config.yaml's {@code qemu}: a binary to use for every architecture
     * @param firecracker     config.yaml's {@code firecracker}: a name on PATH or a path
     * @param forceEmulation  config.yaml's {@code disable_acceleration}: TCG for every machine
     */
    public record Settings(
            Map<String, String> env,
            Path kvmDevice,
            Optional<String> qemu,
            Optional<String> firecracker,
            boolean forceEmulation) {

        /** This host's settings: KVM at {@code /dev/kvm}, or under {@code $HOST_DEV} (a container that sees the host's devices there). */
        public static Settings of(
                Map<String, String> env, Optional<String> qemu, Optional<String> firecracker, boolean forceEmulation) {
            return new Settings(
                    env, Path.of(env.getOrDefault("HOST_DEV", "/dev"), "kvm"), qemu, firecracker, forceEmulation);
        }
    }

    public HostDrivers(Settings settings, Notices notices, Supervisor supervisor) {
        this.settings = settings;
        this.notices = notices;
        this.supervisor = supervisor.announcing(notices.debug());
    }

    private record Key(Plat plat, Arch arch, boolean emulation) {}

    @Override
    public MachineDriver driver(Plat plat, Arch arch, boolean emulation) {
        Key key = switch (plat) {
            case QEMU -> new Key(plat, arch, emulation || settings.forceEmulation());
            case FC -> new Key(plat, arch, false);
            case XEN -> new Key(plat, Arch.X86_64, false);
        };
        return drivers.computeIfAbsent(key, this::create);
    }

    private MachineDriver create(Key key) {
        return switch (key.plat()) {
            case QEMU -> new QemuDriver(new ProbedOnce(key), supervisor);
            case FC -> new FirecrackerDriver(settings.env(), settings.firecracker(), supervisor);
            case XEN -> new XenDriver(settings.env(), notices.debug());
        };
    }

    /** The QEMU host of one key, probed at its first use. */
    private final class ProbedOnce implements Supplier<QemuHost> {
        private final Key key;
        private QemuHost host;

        ProbedOnce(Key key) {
            this.key = key;
        }

        @Override
        public QemuHost get() {
            if (host == null) {
                QemuHostProbe.Probe probe = new QemuHostProbe(
                                settings.env(), settings.kvmDevice(), new Processes(settings.env(), notices.debug()))
                        .probe(key.arch(), settings.qemu(), key.emulation());
                probe.warnings().forEach(notices.warn());
                host = probe.host();
            }
            return host;
        }
    }
}
