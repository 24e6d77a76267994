package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.qemu.QemuHost;
import dev.kraft.support.Cpio;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.PortOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks and turns {@code kraft run}'s inputs into what a machine spec holds. */
final class MachineInputs {
    private MachineInputs() {
    }

    /** {@code host:guest[:ro]}: the host directory must exist, the guest path be absolute. */
    static MachineSpec.Volume volume(String text, Env env) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
            throw new KraftException(ExitCode.USAGE, "-v " + text + ": expected HOST_DIR:/GUEST/PATH[:ro]");
        }
        Path host = env.resolve(parts[0]);
        if (!Files.isDirectory(host)) {
            throw new KraftException(ExitCode.NOT_FOUND, "-v " + text + ": host directory " + host + " does not exist");
        }
        return new MachineSpec.Volume(host, parts[1], parts.length == 3 && parts[2].equals("ro"));
    }

    /** Values travel inside {@code env.vars=[ "K=V" ]}, where a double quote would end them early. */
    static Map<String, String> env(Map<String, String> env) {
        env.forEach((name, value) -> {
            if (value.contains("\"")) {
                throw new KraftException(ExitCode.USAGE, "-e " + name + ": values cannot contain a double quote");
            }
        });
        return env;
    }

    static Path kernel(Path kernel, boolean symbolic) {
        Path chosen = symbolic ? kernel.resolveSibling(kernel.getFileName() + ".dbg") : kernel;
        if (!Files.isRegularFile(chosen)) {
            throw new KraftException(ExitCode.NOT_FOUND, "no kernel at " + chosen);
        }
        return chosen;
    }

    /** A CPIO file is used as it is; a directory is packed into one in the machine's directory. */
    static Optional<Path> initrd(Optional<String> rootfs, Env env, MachinePaths paths) {
        if (rootfs.isEmpty()) {
            return Optional.empty();
        }
        Path path = env.resolve(rootfs.get());
        if (Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new KraftException(ExitCode.NOT_FOUND, "--rootfs " + rootfs.get() + ": no such file or directory");
        }
        Path archive = paths.dir().resolve("initrd.cpio");
        try {
            Cpio.packDirectory(path, archive);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "--rootfs " + rootfs.get() + ": cannot pack it: " + e.getMessage(), e);
        }
        return Optional.of(archive);
    }

    /** Fails before boot, naming the owner, when a host port is taken. */
    static void checkPortsFree(List<PortMapping> ports, List<MachineRecord> machines) {
        for (PortMapping port : ports) {
            for (MachineRecord machine : machines) {
                if (machine.active() && machine.ports().stream().map(PortMapping::parse)
                        .anyMatch(p -> p.hostPort() == port.hostPort() && p.protocol().equals(port.protocol()))) {
                    throw new KraftException(ExitCode.STATE, "-p " + port + ": port " + port.hostPort()
                            + " is already published by machine " + machine.name());
                }
            }
            if (port.protocol().equals("tcp")) {
                PortOwner.problem(port.hostIp(), port.hostPort()).ifPresent(problem -> {
                    throw new KraftException(ExitCode.STATE, "-p " + port + ": " + problem);
                });
            }
        }
    }

    /**
     * Unikraft 0.17+ with its random source needs RDSEED, which QEMU emulates only from 8.1.3;
     * the kernel would stop at boot, so say so before booting.
     */
    static void warnAboutRdseed(RunSource source, QemuHost host, Console console) {
        Map<String, String> kconfig = source.kconfig().asMap();
        String version = kconfig.getOrDefault("CONFIG_UK_FULLVERSION", "");
        boolean recent = version.matches("0\\.(1[7-9]|[2-9][0-9]).*") || version.matches("[1-9].*");
        if ("y".equals(kconfig.get("CONFIG_LIBUKRANDOM")) && recent && !host.kvm() && !host.versionAtLeast(8, 1, 3)) {
            console.warn("this kernel (Unikraft " + version + ") needs RDSEED, which QEMU " + host.versionText()
                    + " cannot emulate without KVM: it will stop at boot. Build with CONFIG_LIBUKRANDOM: 'n' or use QEMU 8.1.3 or newer");
        }
    }
}
