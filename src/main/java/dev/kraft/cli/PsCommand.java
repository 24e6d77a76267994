package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineFormats;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import dev.kraft.machine.MachineStatus;
import dev.kraft.machine.Quantity;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft ps}: the machines, as they really are (a QEMU killed from outside shows as exited). */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List machines.",
        footer = {"", "Examples:", "  kraft ps", "  kraft ps -a -o json", "  kraft ps -aq | xargs kraft rm -f"})
final class PsCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;
    private final Clock clock;

    @Option(names = {"-a", "--all"}, description = "Also machines that are not running.")
    boolean all;

    @Option(names = {"-l", "--long"}, description = "More columns: ID, PID, ARCH.")
    boolean long_;

    @Option(names = {"-q", "--quiet"}, description = "Only names, one per line.")
    boolean quiet;

    @Mixin
    OutputFormat output;

    PsCommand(Supplier<MachineService> machines, Supplier<Console> console, Clock clock) {
        this.machines = machines;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        List<MachineRecord> listed = machines.get().list().stream().filter(m -> all || m.active() || m.broken()).toList();
        PrintStream out = console.get().out();
        if (quiet) {
            listed.forEach(m -> out.println(m.name()));
            return 0;
        }
        switch (output.checked()) {
            case "json" -> out.println(MachineFormats.json(listed));
            case "yaml" -> out.println(MachineFormats.yaml(listed));
            default -> table(listed, out);
        }
        return 0;
    }

    private void table(List<MachineRecord> listed, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(long_ ? List.of("ID", "NAME", "KERNEL", "ARGS", "CREATED", "STATUS", "MEM", "PORTS", "PID", "PLAT", "ARCH")
                : List.of("NAME", "KERNEL", "ARGS", "CREATED", "STATUS", "MEM", "PORTS", "PLAT"));
        long now = clock.millis();
        for (MachineRecord m : listed) {
            boolean broken = m.broken();
            String args = String.join(" ", m.spec().appArgs());
            String ports = m.state() == MachineState.RUNNING
                    ? m.spec().ports().stream().map(Object::toString).collect(Collectors.joining(", ")) : "";
            String mem = broken ? "" : Quantity.mebibytes(m.spec().memoryBytes()) + "Mi";
            String created = broken ? "" : ago(now - m.status().createdAt());
            String pid = m.status().process().map(p -> String.valueOf(p.pid())).orElse("");
            String plat = broken ? "" : m.plat().id();
            String arch = broken ? "" : m.spec().arch().id();
            rows.add(long_ ? List.of(m.id(), m.name(), m.spec().source(), args, created, status(m.status(), now), mem, ports, pid, plat, arch)
                    : List.of(m.name(), m.spec().source(), args, created, status(m.status(), now), mem, ports, broken ? "" : plat + "/" + arch));
        }
        Table.print(rows, out);
    }

    /** {@code running 5 seconds}, {@code exited (0) 2 minutes ago}, {@code stopped 1 hours ago}, {@code failed: why}. */
    static String status(MachineStatus status, long now) {
        String since = ago(now - status.endedAt());
        return switch (status.state()) {
            case EXITED -> "exited (" + status.exitCode().map(String::valueOf).orElse("?") + ") " + since;
            case STOPPED -> "stopped " + since;
            case RUNNING -> "running " + ago(now - status.startedAt()).replace(" ago", "");
            case FAILED -> "failed " + since + status.problem().map(p -> ": " + p).orElse("");
            case BROKEN -> "broken: " + status.problem().orElse("unreadable");
            default -> status.state().label();
        };
    }

    static String ago(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toSeconds() < 60) {
            return d.toSeconds() + " seconds ago";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " minutes ago";
        }
        return d.toHours() < 48 ? d.toHours() + " hours ago" : d.toDays() + " days ago";
    }
}
