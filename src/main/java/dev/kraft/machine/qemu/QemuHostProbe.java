package dev.kraft.machine.qemu;

import dev.kraft.support.Executables;
import dev.kraft.support.ExitCode;
import dev.kraft.support.HostPackages;
import dev.kraft.support.Processes;
import dev.kraft.unikraft.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds QEMU for an architecture and decides between KVM and TCG before anything boots, with
 * a precise reason when KVM cannot be used (absent, or present but not accessible to the user).
 */
public final class QemuHostProbe {
    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private final Map<String, String> env;
    private final Path kvmDevice;
    private final Processes processes;

    public QemuHostProbe(Map<String, String> env, Path kvmDevice, Processes processes) {
        this.env = env;
        this.kvmDevice = kvmDevice;
        this.processes = processes;
    }

    /** The host, and the warnings a user should see about it. */
    public record Probe(QemuHost host, List<String> warnings) {}

    public Probe probe(Arch arch, Optional<String> configuredBinary, boolean forceEmulation) {
        String name = configuredBinary.orElse(
                switch (arch) {
                    case X86_64 -> "qemu-system-x86_64";
                    case ARM64 -> "qemu-system-aarch64";
                    case ARM -> "qemu-system-arm";
                });
        String binary = Executables.require(
                        name,
                        env,
                        ExitCode.HYPERVISOR_NOT_FOUND,
                        ExitCode.HYPERVISOR_NOT_EXECUTABLE,
                        HostPackages.advice(Path.of(name).getFileName().toString(), env))
                .toString();
        List<String> warnings = new ArrayList<>();
        boolean kvm = false;
        // KVM runs guests of the host's own architecture only; others are emulated, as expected.
        if (!forceEmulation
                && Arch.parse(System.getProperty("os.arch")).map(arch::equals).orElse(false)) {
            if (!Files.exists(kvmDevice)) {
                warnings.add("KVM is not available (no " + kvmDevice + "); using TCG emulation, which is slower");
            } else if (!Files.isReadable(kvmDevice) || !Files.isWritable(kvmDevice)) {
                warnings.add(
                        kvmDevice
                                + " exists but you may not use it (add yourself to its group, e.g. sudo usermod -aG kvm $USER, then log in again); using TCG emulation");
            } else {
                kvm = true;
            }
        }
        return new Probe(new QemuHost(binary, kvm, () -> version(binary)), warnings);
    }

    private int[] version(String binary) {
        StringBuilder out = new StringBuilder();
        processes.run(
                List.of(binary, "--version"),
                Path.of("/"),
                line -> out.append(line).append('\n'));
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            return new int[] {0, 0, 0};
        }
        return new int[] {
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3))
        };
    }
}
