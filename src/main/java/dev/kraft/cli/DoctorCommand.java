package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.qemu.KvmCheck;
import dev.kraft.support.Env;
import dev.kraft.support.Executables;
import dev.kraft.support.HostPackages;
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
import picocli.CommandLine.Option;

/**
 * {@code kraft doctor}: what this host can build and run, each problem with its fix (KraftKit
 * users asked for it: #221). Exits 1 when something needed for building or running is missing.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check this host: build tools, hypervisors, KVM access.",
        footer = {
            "",
            "Examples:",
            "  kraft doctor",
            "  kraft doctor --containerd   also containerd and kraft-runu, its OCI runtime"
        })
final class DoctorCommand implements Callable<Integer> {
    /** Tool, what it is for, how to get it (when {@link HostPackages} does not know), whether kraft cannot work without it. */
    private record Tool(String name, String purpose, String fix, boolean required) {
        /** A tool whose package {@link HostPackages} names for this host's distribution. */
        Tool(String name, String purpose, boolean required) {
            this(name, purpose, "", required);
        }
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool("make", "Unikraft's build", true),
            new Tool("gcc", "compiling unikernels", true),
            new Tool("ld", "linking unikernels", true),
            new Tool("flex", "Unikraft's Kconfig tools", true),
            new Tool("bison", "Unikraft's Kconfig tools", true),
            new Tool("git", "fetching components", true),
            new Tool("python3", "Unikraft's build scripts", false),
            new Tool("wget", "libraries' upstream archives (make fetch)", false),
            new Tool("patch", "patching upstream archives", false),
            new Tool("qemu-system-x86_64", "running x86_64 machines", true),
            new Tool("qemu-system-aarch64", "running arm64 machines", false),
            new Tool("firecracker", "running fc machines", "download it from Firecracker\'s GitHub releases", false),
            new Tool("xl", "running xen machines", "apt-get install xen-utils", false),
            new Tool("kconfig-conf", "the offline example's test core", "apt-get install kconfig-frontends", false),
            new Tool("buildah", "Dockerfile root filesystems", false));

    /** What kraft-runu needs under containerd (docs/containerd.md); checked with --containerd. */
    private static final List<Tool> CONTAINERD = List.of(
            new Tool("containerd", "running images under containerd", "apt-get install containerd", true),
            new Tool("containerd-shim-runc-v2", "the shim that runs kraft-runu", "apt-get install containerd", true),
            new Tool("ctr", "containerd's own client", "apt-get install containerd", false),
            new Tool("kraft-runu", "the OCI runtime for unikernels", "install.sh installs it beside kraft", true),
            new Tool("nsenter", "kraft-runu in a pod's network namespace", "apt-get install util-linux", true),
            new Tool(
                    "unshare", "kraft-runu in a container's own network namespace", "apt-get install util-linux", true),
            new Tool("mkfifo", "kraft-runu's start gate", "apt-get install coreutils", true));
    /** Where CNI plugins live: Debian's package, and the upstream default. */
    private static final List<Path> CNI_DIRS = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));

    @Option(
            names = "--containerd",
            description = "Check containerd and kraft-runu too (running unikernel images under containerd).")
    boolean containerd;

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
        boolean healthy = check(TOOLS, vars, rows);
        // With buildkit_host set, Dockerfiles go to BuildKit through its client instead of buildah.
        buildkitHost
                .get()
                .filter(h -> !h.isBlank())
                .ifPresent(host -> rows.add(List.of(
                        "buildctl",
                        Executables.find("buildctl", vars).map(Path::toString).orElse("missing"),
                        "BuildKit at " + host + " (buildkit_host)",
                        Executables.find("buildctl", vars).isPresent()
                                ? ""
                                : "install BuildKit's buildctl, or unset buildkit_host")));
        rows.add(kvm(
                Path.of(vars.getOrDefault("HOST_DEV", "/dev"), "kvm"), Executables.find("qemu-system-x86_64", vars)));
        if (containerd) {
            healthy &= check(CONTAINERD, vars, rows);
            healthy &= runu(Executables.find("kraft-runu", vars), rows);
            Optional<Path> bridge = CNI_DIRS.stream()
                    .map(d -> d.resolve("bridge"))
                    .filter(Files::isExecutable)
                    .findFirst();
            rows.add(List.of(
                    "CNI bridge plugin",
                    bridge.map(Path::toString).orElse("missing"),
                    "pod networking (ctr run --cni, Kubernetes)",
                    bridge.isPresent() ? "" : "apt-get install containernetworking-plugins"));
        }
        Table.print(rows, console.get().out());
        return healthy ? 0 : 1;
    }

    /** One row per tool; false when a required one is missing. */
    private static boolean check(List<Tool> tools, Map<String, String> vars, List<List<String>> rows) {
        boolean healthy = true;
        for (Tool tool : tools) {
            Optional<Path> found = Executables.find(tool.name(), vars);
            healthy &= found.isPresent() || !tool.required();
            rows.add(List.of(
                    tool.name(),
                    found.map(Path::toString).orElse(tool.required() ? "MISSING" : "missing"),
                    tool.purpose(),
                    found.isPresent()
                            ? ""
                            : HostPackages.command(tool.name(), vars).orElse(tool.fix())));
        }
        return healthy;
    }

    /** kraft-runu found is not enough: it must start (its jar and a Java beside it). */
    private static boolean runu(Optional<Path> runu, List<List<String>> rows) throws IOException, InterruptedException {
        if (runu.isEmpty()) {
            return false;
        }
        Process version = new ProcessBuilder(runu.get().toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String said = new String(version.getInputStream().readAllBytes())
                .lines()
                .findFirst()
                .orElse("")
                .strip();
        boolean runs = version.waitFor() == 0;
        rows.add(List.of(
                "kraft-runu --version",
                runs ? said : "FAILS: " + said,
                "containerd's shim runs it as BinaryName",
                runs ? "" : "reinstall kraft (install.sh)"));
        return runs;
    }

    /** The device must exist and open, and then run a guest: a nested host may open it and fail every guest. */
    private static List<String> kvm(Path device, Optional<Path> qemu) throws IOException, InterruptedException {
        String purpose = "hardware acceleration (else TCG, slower)";
        if (!Files.exists(device)) {
            return List.of(
                    device.toString(),
                    "absent",
                    purpose,
                    "enable virtualisation (modprobe kvm_intel or kvm_amd; nested virt on a VM)");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return List.of(device.toString(), "no access", purpose, "sudo usermod -aG kvm $USER, then log in again");
        }
        if (qemu.isEmpty() || !System.getProperty("os.arch").equals("amd64")) {
            return List.of(device.toString(), "opens (no guest tried)", purpose, "");
        }
        KvmCheck.Result check = KvmCheck.run(qemu.get().toString());
        return check.runs()
                ? List.of(device.toString(), "usable (" + check.detail() + ")", purpose, "")
                : List.of(
                        device.toString(),
                        "cannot run guests: " + check.detail(),
                        purpose,
                        "run machines under TCG: -W, or disable_acceleration: true in config.yaml");
    }
}
