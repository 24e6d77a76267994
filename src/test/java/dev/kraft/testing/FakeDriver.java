package dev.kraft.testing;

import dev.kraft.machine.Drivers;
import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.MachineDriver;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.VmFault;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hypervisor for unit tests: machines "run" in memory. Starting one writes a greeting and its
 * kernel command line to its console log; an application argument {@code exit=N} makes the
 * guest end at once with exit N (QEMU's status 83 for Unikraft's clean exit, {@code N<<1|1}
 * otherwise), {@code crash} with a crash. A test can kill a machine from outside, or make its guest fault.
 */
public final class FakeDriver implements MachineDriver, Drivers {
    private final Map<Path, Integer> ended = new HashMap<>();
    private final Set<Path> running = new HashSet<>();
    private final Set<Path> paused = new HashSet<>();
    private final Set<String> faulty = new HashSet<>();
    private final Map<String, String> startedWith = new HashMap<>();
    private String lastKey = "";

    @Override
    public MachineDriver driver(Plat plat, Arch arch, boolean emulation) {
        lastKey = plat + "/" + arch + (emulation ? " emulated" : "");
        return this;
    }

    /** The (plat, arch, emulation) key of the driver that started each machine, by name. */
    public Map<String, String> startedWith() {
        return startedWith;
    }

    @Override
    public Started start(MachineSpec spec, MachinePaths paths) {
        Path dir = paths.dir();
        startedWith.put(spec.name(), lastKey);
        ended.remove(dir);
        console(paths, "Hello from " + spec.name(), "cmdline: " + KernelCommandLine.of(spec));
        Optional<String> exit =
                spec.appArgs().stream().filter(a -> a.startsWith("exit=")).findFirst();
        if (exit.isPresent()) {
            int code = Integer.parseInt(exit.get().substring(5));
            ended.put(dir, code == 0 ? 83 : (code << 1) | 1);
        } else if (spec.appArgs().contains("crash")) {
            ended.put(dir, 85);
        } else {
            running.add(dir);
        }
        return new Started(0, 0, List.of("fake-hypervisor", spec.name()));
    }

    @Override
    public boolean running(MachineRecord machine, MachinePaths paths) {
        return running.contains(paths.dir());
    }

    @Override
    public Optional<VmFault> fault(MachineRecord machine, MachinePaths paths) {
        return faulty.contains(machine.name())
                ? Optional.of(new VmFault("KVM could not run the guest: emulation failure", true))
                : Optional.empty();
    }

    @Override
    public Optional<Integer> exitStatus(MachinePaths paths) {
        return Optional.ofNullable(ended.get(paths.dir()));
    }

    @Override
    public void stop(MachineRecord machine, MachinePaths paths, Duration timeout) {
        end(paths.dir(), 0);
    }

    @Override
    public void pause(MachineRecord machine, MachinePaths paths) {
        paused.add(paths.dir());
    }

    @Override
    public void resume(MachineRecord machine, MachinePaths paths) {
        paused.remove(paths.dir());
    }

    /** The hypervisor killed from outside (kill -9). */
    public void kill(Path machineDir) {
        end(machineDir, 137);
    }

    /** The guest stops on a fault its hypervisor cannot recover from. */
    public void fault(String machine) {
        faulty.add(machine);
    }

    public boolean paused(Path machineDir) {
        return paused.contains(machineDir);
    }

    private void end(Path dir, int status) {
        if (running.remove(dir)) {
            ended.put(dir, status);
        }
    }

    private static void console(MachinePaths paths, String... lines) {
        try {
            Files.writeString(
                    paths.serialLog(),
                    String.join("\n", lines) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
