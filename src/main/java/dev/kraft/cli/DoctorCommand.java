package dev.kraft.cli;

import dev.kraft.support.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code kraft doctor}: what this host can build and run, each problem with its fix (KraftKit
 * users asked for it: #221). Exits 1 when something needed for building or running is missing.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check this host: build tools, hypervisors, KVM access.",
        footer = {"", "Example:", "  kraft doctor"})
final class DoctorCommand implements Callable<Integer> {
    /** Tool, what it is for, how to get it on Debian, whether kraft cannot work without it. */
    private record Tool(String name, String purpose, String fix, boolean required) {
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool("make", "Unikraft's build", "apt-get install make", true),
            new Tool("gcc", "compiling unikernels", "apt-get install gcc", true),
            new Tool("ld", "linking unikernels", "apt-get install binutils", true),
            new Tool("flex", "Unikraft's Kconfig tools", "apt-get install flex", true),
            new Tool("bison", "Unikraft's Kconfig tools", "apt-get install bison", true),
            new Tool("git", "fetching components", "apt-get install git", true),
            new Tool("python3", "Unikraft's build scripts", "apt-get install python3", false),
            new Tool("wget", "libraries' upstream archives (make fetch)", "apt-get install wget", false),
            new Tool("patch", "patching upstream archives", "apt-get install patch", false),
            new Tool("qemu-system-x86_64", "running x86_64 machines", "apt-get install qemu-system-x86", true),
            new Tool("qemu-system-aarch64", "running arm64 machines", "apt-get install qemu-system-arm", false),
            new Tool("firecracker", "running fc machines", "download it from Firecracker\'s GitHub releases", false),
            new Tool("xl", "running xen machines", "apt-get install xen-utils", false),
            new Tool("kconfig-conf", "the offline example's test core", "apt-get install kconfig-frontends", false));

    private final Services services;

    DoctorCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Map<String, String> env = services.env().vars();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CHECK", "STATUS", "FOR", "FIX"));
        boolean healthy = true;
        for (Tool tool : TOOLS) {
            Optional<Path> found = Executables.find(tool.name(), env);
            healthy &= found.isPresent() || !tool.required();
            rows.add(List.of(tool.name(), found.map(Path::toString).orElse(tool.required() ? "MISSING" : "missing"), tool.purpose(),
                    found.isPresent() ? "" : tool.fix()));
        }
        Path kvm = Path.of(env.getOrDefault("HOST_DEV", "/dev"), "kvm");
        String kvmStatus = !Files.exists(kvm) ? "absent" : Files.isReadable(kvm) && Files.isWritable(kvm) ? "usable" : "no access";
        rows.add(List.of(kvm.toString(), kvmStatus, "hardware acceleration (else TCG, slower)",
                switch (kvmStatus) {
                    case "absent" -> "enable virtualisation (modprobe kvm_intel or kvm_amd; nested virt on a VM)";
                    case "no access" -> "sudo usermod -aG kvm $USER, then log in again";
                    default -> "";
                }));
        Table.print(rows, services.console().out());
        return healthy ? 0 : 1;
    }
}
