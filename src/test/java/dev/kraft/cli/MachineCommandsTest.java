package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import dev.kraft.machine.Attachment;
import dev.kraft.machine.Launcher;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import dev.kraft.machine.MachineStore;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Supervisor;
import dev.kraft.machine.network.LinkCommands;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Processes;
import dev.kraft.support.Tty;
import dev.kraft.testing.FakeDriver;
import dev.kraft.testing.UnikraftElf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * run, ps, logs, stop, start, pause and rm in-process, on a store in a temp directory, with a
 * fake hypervisor: no QEMU, no root, milliseconds per command.
 */
class MachineCommandsTest {
    @TempDir
    Path tmp;

    private final FakeDriver driver = new FakeDriver();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private MachineStore store;
    private MachineService machines;
    private Console console;
    private Env env;
    private Path kernel;

    /** What a command did: its exit code, its stdout and stderr, and the failure it ended with. */
    record Result(int exit, String out, String err, Optional<KraftException> failure) {
        String message() {
            return failure.map(f -> Flags.message(f, () -> Path.of("/cache"))).orElse("");
        }
    }

    @BeforeEach
    void world() throws IOException {
        store = new MachineStore(tmp.resolve("machines"));
        machines = new MachineService(
                store, driver, new LinkCommands(new Processes(Map.of())), new Supervisor(), Clock.systemUTC());
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        console = new Console(LogType.BASIC, LogLevel.INFO, false, stdout, stderr);
        env = new Env(
                tmp, tmp, Map.of(), new ByteArrayInputStream(new byte[0]), stdout, stderr, Tty.NONE, Clock.systemUTC());
        kernel = UnikraftElf.write(tmp.resolve("hello_qemu-x86_64"), 62);
    }

    @Test
    void aDetachedMachineIsListedStoppedStartedPausedAndRemoved() {
        Result run = kraft(run(), "run", "-d", "--name", "web", "-e", "GREETING=hi", kernel.toString(), "--", "one");
        assertEquals("web\n", run.out());
        assertTrue(kraft(ps(), "ps")
                .out()
                .lines()
                .anyMatch(l -> l.startsWith("web")
                        && l.contains("kernel://hello_qemu-x86_64")
                        && l.contains("one")
                        && l.contains("Up ")
                        && l.contains("qemu/x86_64")));
        assertEquals(
                "Hello from web\ncmdline: env.vars=[ \"GREETING=hi\" ] -- one\n",
                kraft(logs(), "logs", "web").out());
        assertEquals(
                "cmdline: env.vars=[ \"GREETING=hi\" ] -- one\n",
                kraft(logs(), "logs", "--tail", "1", "web").out());

        assertEquals("web\n", kraft(stop(), "stop", "web").out());
        assertEquals(
                "",
                kraft(ps(), "ps").out().lines().skip(1).findFirst().orElse(""),
                "ps without -a lists running machines");
        assertTrue(kraft(ps(), "ps", "-a").out().contains("Stopped"), "stopped, not exited (0)");
        assertEquals("web\n", kraft(stop(), "stop", "web").out(), "stop is idempotent");

        assertEquals("web\n", kraft(start(), "start", "-d", "web").out());
        assertEquals(MachineState.RUNNING, machines.find("web").state());
        assertEquals("web\n", kraft(pause(), "pause", "web").out());
        assertTrue(driver.paused(machines.paths(machines.find("web")).dir()));
        assertEquals(MachineState.PAUSED, machines.find("web").state());
        kraft(start(), "start", "-d", "web");
        assertEquals(MachineState.RUNNING, machines.find("web").state(), "start resumes a paused machine");

        Result refused = kraft(remove(), "rm", "web");
        assertEquals(ExitCode.STATE.code(), refused.exit());
        assertEquals("error: machine web is running; stop it first, or use -f\n", refused.err());
        assertEquals("web\n", kraft(remove(), "rm", "-f", "web").out());
        assertEquals("", kraft(ps(), "ps", "-aq").out());
    }

    @Test
    void anAttachedRunEndsWithTheGuestsExitCode() {
        Result exits = kraft(run(), "run", "--name", "three", kernel.toString(), "--", "exit=3");
        assertEquals(3, exits.exit(), exits::toString);
        assertEquals("Hello from three\ncmdline: exit=3\n", exits.out());
        assertTrue(kraft(ps(), "ps", "-a").out().contains("Exited (3)"));

        Result crash = kraft(run(), "run", "--rm", kernel.toString(), "--", "crash");
        assertEquals(ExitCode.GUEST_CRASHED.code(), crash.exit());
        assertEquals(
                "three\n", kraft(ps(), "ps", "-a", "--format", "{{.Names}}").out(), "--rm removed the crashed machine");

        assertEquals(
                0,
                kraft(run(), "run", "--rm", kernel.toString(), "--", "exit=0").exit());
    }

    @Test
    void aHypervisorKilledFromOutsideIsShownAndRecordedAsEnded() throws IOException {
        kraft(run(), "run", "-d", "--name", "victim", kernel.toString());
        MachineRecord victim = store.find("victim");
        assertEquals(MachineState.RUNNING, victim.state());
        driver.kill(store.paths(victim).dir());

        assertTrue(kraft(ps(), "ps", "-a").out().contains("Exited (137)"));
        assertEquals(MachineState.EXITED, store.find("victim").state(), "the record was brought up to date");
        assertEquals(Optional.of(137), store.find("victim").status().exitCode());
    }

    @Test
    void aGuestKvmCannotRunFailsTheRunWithTheHintToEmulate() {
        driver.fault("stuck");
        Result run = kraft(run(), "run", "--name", "stuck", kernel.toString());
        assertEquals(ExitCode.HYPERVISOR_FAILED.code(), run.exit());
        assertEquals(
                "KVM could not run the guest: emulation failure; run it under TCG emulation with -W, or set"
                        + " disable_acceleration: true in config.yaml (KRAFTKIT_DISABLE_ACCELERATION=1) to do so for every machine",
                run.message());
        assertTrue(kraft(ps(), "ps", "-a").out().contains("Failed"));
        assertFalse(machines.running(store.find("stuck")), "its hypervisor was stopped");
    }

    @Test
    void eachMachineStartsWithTheDriverOfItsOwnSpec() {
        kraft(run(), "run", "--no-start", "-W", "--name", "emu", kernel.toString());
        kraft(run(), "run", "--no-start", "--name", "kvm", kernel.toString());
        kraft(start(), "start", "-d", "emu", "kvm");
        assertEquals(Map.of("emu", "qemu/x86_64 emulated", "kvm", "qemu/x86_64"), driver.startedWith());
        kraft(stop(), "stop", "--all");
        kraft(start(), "start", "-d", "kvm", "emu");
        assertEquals(Map.of("emu", "qemu/x86_64 emulated", "kvm", "qemu/x86_64"), driver.startedWith());
    }

    @Test
    void badInputNamesTheFlagAndLeavesNoMachine() {
        assertEquals(
                "--memory 12parsecs: expected a size such as 64Mi, 512M, 1G or 512m",
                kraft(run(), "run", "-M", "12parsecs", kernel.toString()).message());
        assertEquals(
                "--cpus 0: expected 1 to 64",
                kraft(run(), "run", "--cpus", "0", kernel.toString()).message());
        assertEquals(
                "--name a,b: use letters, digits, _ . and - (at most 64, starting with a letter or digit)",
                kraft(run(), "run", "--name", "a,b", kernel.toString()).message());
        assertEquals(
                "-v " + tmp.resolve("missing") + ":/data: host directory " + tmp.resolve("missing") + " does not exist",
                kraft(run(), "run", "-v", "./missing:/data", kernel.toString()).message());
        Result plat = kraft(run(), "run", "--plat", "vbox", kernel.toString());
        assertEquals(ExitCode.USAGE.code(), plat.exit());
        kraft(run(), "run", "-d", "--name", "taken", kernel.toString());
        assertEquals(
                "--name taken: a machine with this name exists; remove it with kraft rm taken",
                kraft(run(), "run", "--name", "taken", kernel.toString()).message());
        assertEquals(
                "taken\n", kraft(ps(), "ps", "-a", "--format", "{{.Names}}").out());
        assertEquals(
                "no machine named nope (kraft ps -a lists them)",
                kraft(logs(), "logs", "nope").message());
    }

    @Test
    void aRecordThatCannotBeReadIsListedBrokenAndRemoved() throws IOException {
        kraft(run(), "run", "-d", "--name", "fine", kernel.toString());
        Path dir = Files.createDirectories(store.root().resolve("0123456789ab"));
        Files.writeString(dir.resolve("machine.json"), "{\"id\": \"0123456789ab\", \"name\": \"cut");

        String ps = kraft(ps(), "ps").out();
        assertTrue(ps.lines().anyMatch(l -> l.startsWith("0123456789ab") && l.contains("Broken: machine.json: ")), ps);
        assertTrue(ps.contains("fine"), ps);
        assertEquals(
                "0123456789ab\n", kraft(remove(), "rm", "-f", "0123456789ab").out());
        assertFalse(Files.exists(dir));
        assertEquals("fine\n", kraft(ps(), "ps", "-a", "--format", "{{.Names}}").out());
    }

    private Result kraft(CommandLine command, String... args) {
        out.reset();
        err.reset();
        KraftException[] failure = new KraftException[1];
        command.setExecutionExceptionHandler((e, cli, parsed) -> {
            if (!(e instanceof KraftException k)) {
                throw e;
            }
            failure[0] = k;
            return k.exitCode().code();
        });
        command.setParameterExceptionHandler((e, given) -> ExitCode.USAGE.code());
        int exit = command.execute(Arrays.copyOfRange(args, 1, args.length));
        return new Result(
                exit,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                Optional.ofNullable(failure[0]));
    }

    private CommandLine run() {
        Supplier<Launcher> launcher = () -> new Launcher(
                machines,
                () -> {
                    throw new AssertionError("no networks here");
                },
                Notices.NONE,
                Clock.systemUTC());
        BootSources sources = new BootSources(
                env,
                () -> {
                    throw new AssertionError("no projects here");
                },
                () -> {
                    throw new AssertionError("no images here");
                },
                flag -> true,
                flag -> {
                    throw new AssertionError("no runtimes here");
                },
                text -> {
                    throw new AssertionError("no images here");
                });
        RunRootfs rootfs = new RunRootfs(env, () -> {
            throw new AssertionError("no root filesystems here");
        });
        return RunCommand.commandLine(new RunCommand(
                launcher,
                foreground(),
                sources,
                rootfs,
                () -> console,
                env,
                () -> new RunCommand.Defaults(PortMapping.DEFAULT_ADDRESS, tmp.resolve("volumes"))));
    }

    private Foreground foreground() {
        return new Foreground(() -> new Attachment(machines), () -> console, action -> {});
    }

    private CommandLine ps() {
        return new CommandLine(new PsCommand(() -> machines, () -> console, Clock.systemUTC()));
    }

    private CommandLine logs() {
        return new CommandLine(new LogsCommand(() -> machines, () -> console, action -> {}, Clock.systemUTC()));
    }

    private CommandLine stop() {
        return new CommandLine(new StopCommand(() -> machines, () -> console));
    }

    private CommandLine start() {
        return new CommandLine(new StartCommand(() -> machines, () -> console, foreground()));
    }

    private CommandLine pause() {
        return new CommandLine(new PauseCommand(() -> machines, () -> console));
    }

    private CommandLine remove() {
        return new CommandLine(new RemoveCommand(() -> machines, () -> console));
    }
}
