package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.ConsoleTimes;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.SerialLog;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft logs}: machines' serial consoles, whole, their tails, a window of time, or
 * followed; several machines' lines start with their names, as in KraftKit. Times are those
 * {@link ConsoleTimes} keeps, to the second.
 */
@Command(
        name = "logs",
        aliases = "log",
        mixinStandardHelpOptions = true,
        description = "Show machines' console output.",
        footer = {
            "",
            "Examples:",
            "  kraft logs web",
            "  kraft logs -f --tail 20 web",
            "  kraft logs --since 10m -t web db"
        })
final class LogsCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;
    private final Interrupts interrupts;
    private final Clock clock;

    @Parameters(arity = "1..*", paramLabel = "MACHINE", description = "Machine names or ids.")
    List<String> names = new ArrayList<>();

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing while the machines run.")
    boolean follow;

    @Option(
            names = {"-n", "--tail"},
            paramLabel = "N",
            description = "Only the last N lines of each machine.")
    Integer tail;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description =
                    "Only lines written since TIME: 2024-05-01T10:00:00Z, a Unix time, or a while ago (10m, 1h30m).")
    String since;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description = "Only lines written before TIME (the same forms as --since).")
    String until;

    @Option(
            names = {"-t", "--timestamps"},
            description = "Start each line with the time it was written (RFC 3339, to the second).")
    boolean timestamps;

    @Option(
            names = "--no-prefix",
            description = "With several machines, do not start each line with the machine's name.")
    boolean noPrefix;

    @Mixin
    MachinePlatform platform = new MachinePlatform();

    LogsCommand(Supplier<MachineService> machines, Supplier<Console> console, Interrupts interrupts, Clock clock) {
        this.machines = machines;
        this.console = console;
        this.interrupts = interrupts;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (tail != null && tail < 0) {
            throw new KraftException(ExitCode.USAGE, "--tail " + tail + ": expected 0 or more");
        }
        long now = clock.millis();
        long from = Optional.ofNullable(since)
                .map(t -> LogTimes.parse("--since", t, clock))
                .orElse(Long.MIN_VALUE);
        long to = Optional.ofNullable(until)
                .map(t -> LogTimes.parse("--until", t, clock))
                .orElse(Long.MAX_VALUE);
        MachineService service = machines.get();
        Map<String, MachineRecord> chosen = new LinkedHashMap<>();
        for (String name : names) {
            MachineRecord machine = service.find(name);
            if (!platform.includes(machine)) {
                throw new KraftException(
                        ExitCode.NOT_FOUND, "machine " + name + " is not a " + platform.plat + " machine (--plat)");
            }
            chosen.putIfAbsent(machine.id(), machine);
        }
        int width =
                chosen.values().stream().mapToInt(m -> m.name().length()).max().orElse(0);
        boolean prefixed = chosen.size() > 1 && !noPrefix;
        AtomicBoolean interrupted = new AtomicBoolean();
        interrupts.onInterrupt(() -> interrupted.set(true));
        List<Thread> followers = new ArrayList<>();
        List<KraftException> failures = new ArrayList<>();
        for (MachineRecord machine : chosen.values()) {
            String prefix = prefixed
                    ? machine.name() + " ".repeat(width - machine.name().length()) + " | "
                    : "";
            Runnable show = () -> {
                try {
                    show(service, machine, prefix, now, from, to, interrupted);
                } catch (KraftException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            };
            if (follow && chosen.size() > 1) {
                Thread thread = new Thread(show, "logs " + machine.name());
                thread.start();
                followers.add(thread);
            } else {
                show.run();
            }
        }
        for (Thread follower : followers) {
            follower.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return 0;
    }

    /** One machine's lines in the window (its last {@code tail}), then, following, what it writes until it ends. */
    private void show(
            MachineService service,
            MachineRecord machine,
            String prefix,
            long now,
            long from,
            long to,
            AtomicBoolean interrupted) {
        PrintStream out = console.get().out();
        SerialLog log = new SerialLog(service.paths(machine).serialLog());
        try {
            ConsoleTimes times = ConsoleTimes.of(service.paths(machine), now);
            Deque<String> kept = new ArrayDeque<>();
            Consumer<SerialLog.Line> keep = line -> {
                long written = times.of(line.end());
                if (written >= from && written < to) {
                    kept.addLast(prefix + stamp(written) + line.text());
                    if (tail != null && kept.size() > tail) {
                        kept.removeFirst();
                    }
                }
            };
            log.readAvailable(keep);
            if (!follow) {
                log.flush(keep);
            }
            kept.forEach(out::println);
            if (follow) {
                log.follow(() -> !interrupted.get() && service.running(machine), line -> {
                    long written = clock.millis();
                    if (written < to) {
                        out.println(prefix + stamp(written) + line.text());
                    }
                });
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot read the console of " + machine.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String stamp(long millis) {
        return timestamps ? Instant.ofEpochMilli(millis / 1000 * 1000).toString() + " " : "";
    }
}
