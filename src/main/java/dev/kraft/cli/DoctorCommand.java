package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.qemu.KvmCheck;
import dev.kraft.support.Env;
import dev.kraft.support.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
            new Tool("kconfig-conf", "the offline example's test core", "apt-get install kconfig-frontends", false),
            new Tool("buildah", "Dockerfile root filesystems", "apt-get install buildah", false));

    private final Env env;
    private final Supplier<Console> console;
    private final Supplier<Optional<String>> buildkitHost;

    /** @param buildkitHost config.yaml's {@code buildkit_host}: then buildctl is checked too */
    DoctorCommand(Env env, Supplier<Console> console, Supplier<Optional<String>> buildkitHost) {
        this.env = env;
        this.console = console;
        this.buildkitHost = buildkitHost;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> vars = env.vars();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CHECK", "STATUS", "FOR", "FIX"));
        boolean healthy = true;
        for (Tool tool : TOOLS) {
            Optional<Path> found = Executables.find(tool.name(), vars);
            healthy &= found.isPresent() || !tool.required();
            rows.add(List.of(tool.name(), found.map(Path::toString).orElse(tool.required() ? "MISSING" : "missing"), tool.purpose(),
                    found.isPresent() ? "" : tool.fix()));
        }
        // With buildkit_host set, Dockerfiles go to BuildKit through its client instead of buildah.
        buildkitHost.get().filter(h -> !h.isBlank()).ifPresent(host -> rows.add(List.of("buildctl",
                Executables.find("buildctl", vars).map(Path::toString).orElse("missing"), "BuildKit at " + host + " (buildkit_host)",
                Executables.find("buildctl", vars).isPresent() ? "" : "install BuildKit's buildctl, or unset buildkit_host")));
        rows.add(kvm(Path.of(vars.getOrDefault("HOST_DEV", "/dev"), "kvm"), Executables.find("qemu-system-x86_64", vars)));
        Table.print(rows, console.get().out());
        return healthy ? 0 : 1;
    }

    /** The device must exist and open, and then run a guest: a nested host may open it and fail every guest. */
    private static List<String> kvm(Path device, Optional<Path> qemu) throws IOException, InterruptedException {
        String purpose = "hardware acceleration (else TCG, slower)";
        if (!Files.exists(device)) {
            return List.of(device.toString(), "absent", purpose, "enable virtualisation (modprobe kvm_intel or kvm_amd; nested virt on a VM)");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return List.of(device.toString(), "no access", purpose, "sudo usermod -aG kvm $USER, then log in again");
        }
        if (qemu.isEmpty() || !System.getProperty("os.arch").equals("amd64")) {
            return List.of(device.toString(), "opens (no guest tried)", purpose, "");
        }
        KvmCheck.Result check = KvmCheck.run(qemu.get().toString());
        return check.runs() ? List.of(device.toString(), "usable (" + check.detail() + ")", purpose, "")
                : List.of(device.toString(), "cannot run guests: " + check.detail(), purpose,
                        "run machines under TCG: -W, or disable_acceleration: true in config.yaml");
    }
}
