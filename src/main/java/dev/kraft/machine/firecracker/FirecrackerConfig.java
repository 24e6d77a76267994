package dev.kraft.machine.firecracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.Quantity;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import java.util.ArrayList;
import java.util.List;

/**
 * What kraft asks of Firecracker's API, as a pure function of the machine's spec, so the JSON is
 * tested without Firecracker; and what Firecracker cannot do, refused before anything starts
 * with the input that asked for it named (reference §6.3).
 */
public final class FirecrackerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Firecracker's own limit on vcpu_count. */
    private static final int MAX_VCPUS = 32;

    private FirecrackerConfig() {}

    /** One API call. */
    public record Request(String method, String path, String body) {}

    public static void check(MachineSpec spec) {
        if (!spec.ports().isEmpty()) {
            throw usage(
                    Input.PORT,
                    spec.ports().get(0).spec(),
                    "Firecracker cannot publish ports (it has no user-mode"
                            + " networking); attach the machine to a kraft network instead, or use the qemu platform");
        }
        if (!spec.volumes().isEmpty()) {
            MachineSpec.Volume volume = spec.volumes().get(0);
            throw usage(
                    Input.VOLUME,
                    volume.hostPath() + ":" + volume.guestPath(),
                    "Firecracker cannot share host directories"
                            + " (no 9p); pack them into the root file system, or use the qemu platform");
        }
        if (spec.emulation()) {
            throw usage(
                    Input.EMULATION,
                    "",
                    "Firecracker runs guests only with KVM and cannot emulate a CPU; ask for no emulation,"
                            + " or use the qemu platform");
        }
        if (spec.arch() == Arch.ARM) {
            throw usage(Input.ARCH, spec.arch().id(), "Firecracker runs x86_64 and arm64 guests only");
        }
        if (spec.cpus() > MAX_VCPUS) {
            throw usage(Input.CPUS, Integer.toString(spec.cpus()), "Firecracker allows at most " + MAX_VCPUS);
        }
    }

    /** The calls that configure and boot the machine, in order: one NIC per network, on its TAP device. */
    public static List<Request> boot(MachineSpec spec) {
        List<Request> requests = new ArrayList<>();
        requests.add(new Request(
                "PUT",
                "/machine-config",
                JSON.createObjectNode()
                        .put("vcpu_count", spec.cpus())
                        .put("mem_size_mib", Quantity.mebibytes(spec.memoryBytes()))
                        .toString()));
        ObjectNode source =
                JSON.createObjectNode().put("kernel_image_path", spec.kernel().toString());
        spec.initrd().ifPresent(initrd -> source.put("initrd_path", initrd.toString()));
        source.put("boot_args", bootArgs(spec));
        requests.add(new Request("PUT", "/boot-source", source.toString()));
        for (int nic = 0; nic < spec.networks().size(); nic++) {
            requests.add(new Request(
                    "PUT",
                    "/network-interfaces/net" + nic,
                    JSON.createObjectNode()
                            .put("iface_id", "net" + nic)
                            .put("guest_mac", KernelCommandLine.mac(spec.name(), nic))
                            .put("host_dev_name", spec.networks().get(nic).tap())
                            .toString()));
        }
        requests.add(new Request(
                "PUT",
                "/actions",
                JSON.createObjectNode().put("action_type", "InstanceStart").toString()));
        return requests;
    }

    /** Pauses ({@code true}) or resumes the guest's vCPUs. */
    public static Request state(boolean paused) {
        return new Request(
                "PATCH",
                "/vm",
                JSON.createObjectNode()
                        .put("state", paused ? "Paused" : "Resumed")
                        .toString());
    }

    /**
     * KraftKit's boot_args: the kernel's file name first (Unikraft's Firecracker platform reads
     * the command line as argv, program name included), then what every driver passes.
     */
    static String bootArgs(MachineSpec spec) {
        String rest = KernelCommandLine.of(spec);
        return spec.kernel().getFileName() + (rest.isEmpty() ? "" : " " + rest);
    }

    private static KraftException usage(Input input, String value, String message) {
        return new KraftException(ExitCode.USAGE, input, value, message);
    }
}
