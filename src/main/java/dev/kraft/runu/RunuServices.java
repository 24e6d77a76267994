package dev.kraft.runu;

import dev.kraft.config.KraftDirs;
import dev.kraft.config.UserConfig;
import dev.kraft.config.UserConfigReader;
import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineStore;
import dev.kraft.machine.host.HostDrivers;
import dev.kraft.machine.network.LinkCommands;
import dev.kraft.runtime.ContainerRuntime;
import dev.kraft.runtime.ContainerStore;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Processes;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The composition root of kraft-runu, built once the global options are parsed: messages go to
 * {@code --log} (text or JSON lines, which the shim reads errors from), the hypervisors are
 * kraft's (config.yaml and {@code KRAFTKIT_*} of containerd's environment decide, as for kraft),
 * the state lives under {@code --root}.
 */
final class RunuServices {
    private final Env env;
    private final RunuCommand global;
    private Console console;

    RunuServices(Env env, RunuCommand global) {
        this.env = env;
        this.global = global;
    }

    Env env() {
        return env;
    }

    /** Whether messages go to a log file, so failures must be said on stderr as well (as runc does). */
    boolean logsToFile() {
        return global.log != null;
    }

    Console console() {
        if (console == null) {
            LogType type = switch (global.logFormat) {
                case "json" -> LogType.JSON;
                case "text" -> LogType.BASIC;
                default ->
                    throw new KraftException(
                            ExitCode.USAGE, "--log-format " + global.logFormat + ": expected text or json");
            };
            console = new Console(type, global.debug ? LogLevel.DEBUG : LogLevel.INFO, false, env.out(), logStream());
        }
        return console;
    }

    private PrintStream logStream() {
        if (global.log == null) {
            return env.err();
        }
        try {
            if (global.log.getParent() != null) {
                Files.createDirectories(global.log.getParent());
            }
            return new PrintStream(new FileOutputStream(global.log.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "--log " + global.log + ": " + e.getMessage(), e);
        }
    }

    ContainerRuntime runtime() {
        Console c = console();
        Notices notices = new Notices(m -> c.info(m), m -> c.warn(m), m -> c.debug(m));
        UserConfig config = UserConfigReader.read(
                KraftDirs.resolve(env.home(), env.vars(), Optional.empty()).configFile(), env.vars());
        HostDrivers.Settings host =
                HostDrivers.Settings.of(env.vars(), config.qemu(), config.firecracker(), config.disableAcceleration());
        ContainerStore store = new ContainerStore(global.root.toAbsolutePath());
        Processes processes = new Processes(env.vars(), notices.debug());
        ContainerRuntime.Machines machines = (links, supervisor) -> new MachineService(
                new MachineStore(store.machines()),
                new HostDrivers(host, notices, supervisor),
                links,
                supervisor,
                env.clock());
        return new ContainerRuntime(store, machines, new LinkCommands(processes), processes, notices, env.clock());
    }
}
