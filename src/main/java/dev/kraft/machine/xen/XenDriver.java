package dev.kraft.machine.xen;

import dev.kraft.machine.MachineDriver;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.KConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Machines as Xen domains, through {@code xl} (KraftKit has no Xen driver). The domain is named
 * after the machine; Xen, not a process of ours, runs it, so there is no PID and no exit status,
 * and xl's console is interactive, so the guest's console is not captured (docs/drivers.md).
 */
public final class XenDriver implements MachineDriver {
    private static final Duration XL_TIMEOUT = Duration.ofSeconds(30);
    private final Xl xl;

    /** @param debug told each xl command line before it runs */
    public XenDriver(Map<String, String> env, Consumer<String> debug) {
        this.xl = new Xl(env, debug);
    }

    @Override
    public List<String> preflight(MachineSpec spec, KConfig kconfig) {
        XlConfig.check(spec);
        xl.binary();
        return List.of();
    }

    @Override
    public Started start(MachineSpec spec, MachinePaths paths) {
        XlConfig.check(spec);
        String binary = xl.binary();
        Path config = paths.dir().resolve("xl.cfg");
        try {
            AtomicFiles.writeString(config, XlConfig.render(spec));
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + config + ": " + e.getMessage(), e);
        }
        Xl.Result created = xl.run(XL_TIMEOUT, "create", config.toString());
        if (created.status() != 0) {
            throw new KraftException(
                    ExitCode.HYPERVISOR_FAILED,
                    "xl create failed: " + created.firstLine() + " (domain config: " + config + ")");
        }
        return new Started(0, 0, List.of(binary, "create", config.toString()));
    }

    /** Whether Xen knows the domain; without xl nothing of ours can be running. */
    @Override
    public boolean running(MachineRecord machine, MachinePaths paths) {
        return xl.find().isPresent()
                && xl.run(XL_TIMEOUT, "list", machine.name()).status() == 0;
    }

    @Override
    public boolean reportsExitStatus() {
        return false;
    }

    @Override
    public Optional<Integer> exitStatus(MachinePaths paths) {
        return Optional.empty();
    }

    /** Asks the guest to shut down and waits; destroys the domain when that fails or takes too long. */
    @Override
    public void stop(MachineRecord machine, MachinePaths paths, Duration timeout) {
        if (!running(machine, paths)) {
            return;
        }
        xl.run(timeout, "shutdown", "-w", machine.name());
        if (running(machine, paths)) {
            Xl.Result destroyed = xl.run(XL_TIMEOUT, "destroy", machine.name());
            if (destroyed.status() != 0) {
                throw new KraftException(
                        ExitCode.HYPERVISOR_FAILED,
                        "xl destroy " + machine.name() + " failed: " + destroyed.firstLine());
            }
        }
    }

    @Override
    public void pause(MachineRecord machine, MachinePaths paths) {
        control("pause", machine);
    }

    @Override
    public void resume(MachineRecord machine, MachinePaths paths) {
        control("unpause", machine);
    }

    private void control(String command, MachineRecord machine) {
        Xl.Result result = xl.run(XL_TIMEOUT, command, machine.name());
        if (result.status() != 0) {
            throw new KraftException(
                    ExitCode.HYPERVISOR_FAILED,
                    "xl " + command + " " + machine.name() + " failed: " + result.firstLine());
        }
    }
}
