package dev.kraft.cli;

import dev.kraft.machine.MachineFormats;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineState;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Quantity;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft ps}: the machines, as they really are (a QEMU killed from outside shows as exited). */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List machines.",
        footer = {"", "Examples:", "  kraft ps", "  kraft ps -a -o json", "  kraft ps -aq | xargs kraft rm -f"})
final class PsCommand implements Callable<Integer> {
    private final Services services;

    @Option(names = {"-a", "--all"}, description = "Also machines that are not running.")
    boolean all;

    @Option(names = {"-l", "--long"}, description = "More columns: ID, PID, ARCH.")
    boolean long_;

    @Option(names = {"-q", "--quiet"}, description = "Only names, one per line.")
    boolean quiet;

    @Mixin
    OutputFormat output;

    PsCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        List<MachineRecord> machines = services.machines().list().stream()
                .filter(m -> all || m.active()).toList();
        PrintStream out = services.console().out();
        if (quiet) {
            machines.forEach(m -> out.println(m.name()));
            return 0;
        }
        switch (output.checked()) {
            case "json" -> out.println(MachineFormats.json(machines));
            case "yaml" -> out.println(MachineFormats.yaml(machines));
            default -> table(machines, out);
        }
        return 0;
    }

    private void table(List<MachineRecord> machines, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(long_ ? List.of("ID", "NAME", "KERNEL", "ARGS", "CREATED", "STATUS", "MEM", "PORTS", "PID", "PLAT", "ARCH")
                : List.of("NAME", "KERNEL", "ARGS", "CREATED", "STATUS", "MEM", "PORTS", "PLAT"));
        long now = services.env().clock().millis();
        for (MachineRecord m : machines) {
            String args = String.join(" ", m.appArgs());
            String ports = m.state() == MachineState.RUNNING ? m.ports().stream().map(p -> PortMapping.parse(p).toString()).collect(Collectors.joining(", ")) : "";
            String mem = Quantity.mebibytes(m.memoryBytes()) + "Mi";
            String created = ago(now - m.createdAt());
            rows.add(long_ ? List.of(m.id(), m.name(), m.source(), args, created, status(m, now), mem, ports,
                    m.pid() == 0 ? "" : String.valueOf(m.pid()), m.plat(), m.arch())
                    : List.of(m.name(), m.source(), args, created, status(m, now), mem, ports, m.plat() + "/" + m.arch()));
        }
        Table.print(rows, out);
    }

    private static String status(MachineRecord m, long now) {
        return switch (m.state()) {
            case EXITED -> "exited (" + (m.exitCode() == null ? "?" : m.exitCode()) + ") " + ago(now - m.exitedAt());
            case RUNNING -> "running " + ago(now - m.startedAt()).replace(" ago", "");
            default -> m.state().label();
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
