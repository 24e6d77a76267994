package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.network.Network;
import dev.kraft.machine.network.NetworkService;
import dev.kraft.pkg.manager.Listings;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code kraft net}: Linux bridges that machines join with {@code --network}, as
 * {@code docker network} does. Creating and removing bridges needs root.
 */
@Command(
        name = "net",
        aliases = "network",
        mixinStandardHelpOptions = true,
        description = "Manage machine networks (Linux bridges).",
        footer = {
            "",
            "Examples:",
            "  kraft net create kraft0",
            "  kraft run --network kraft0 -d",
            "  kraft net rm kraft0"
        })
final class NetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-d", "--driver"},
            paramLabel = "DRIVER",
            defaultValue = "bridge",
            scope = ScopeType.INHERIT,
            completionCandidates = Choices.Drivers.class,
            description = "The network driver: bridge, the only one (KraftKit's default and only driver too).")
    String driver;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** Every net command checks the driver first: only bridge is there. */
    static void checkDriver(CommandSpec command) {
        String driver = command.findOption("--driver").getValue();
        if (!driver.equals("bridge")) {
            throw new KraftException(
                    ExitCode.USAGE, "--driver " + driver + ": kraft's networks are Linux bridges (--driver bridge)");
        }
    }

    /** What the subcommands use: the networks, the machines on them, and the console. */
    record Uses(Supplier<NetworkService> networks, Supplier<MachineService> machines, Supplier<Console> console) {}

    static CommandLine commandLine(Uses uses) {
        return new CommandLine(new NetCommand())
                .addSubcommand(new Create(uses))
                .addSubcommand(new ListNetworks(uses))
                .addSubcommand(new Inspect(uses))
                .addSubcommand(new Remove(uses))
                .addSubcommand("up", new CommandLine(new UpDown(uses, true)))
                .addSubcommand("down", new CommandLine(new UpDown(uses, false)), "stop");
    }

    @Command(name = "create", aliases = "add", mixinStandardHelpOptions = true, description = "Create a network.")
    static final class Create implements Callable<Integer> {
        private final Uses uses;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(
                names = {"-n", "--network"},
                paramLabel = "CIDR",
                description = "Its subnet (default: a free /24 of 172.20.0.0/14).")
        String cidr;

        @Spec
        CommandSpec spec;

        Create(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            checkDriver(spec);
            Network network = uses.networks().get().create(name, Optional.ofNullable(cidr));
            uses.console().get().out().println(network.name());
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List networks.")
    static final class ListNetworks implements Callable<Integer> {
        private final Uses uses;

        @Spec
        CommandSpec spec;

        @Option(
                names = {"-l", "--long"},
                description = "Also the machines on each network.")
        boolean long_;

        @Mixin
        OutputFormat output;

        ListNetworks(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            checkDriver(spec);
            String format = output.checked();
            NetworkService networks = uses.networks().get();
            List<List<String>> rows = new ArrayList<>();
            rows.add(
                    long_
                            ? List.of("NAME", "BRIDGE", "NETWORK", "GATEWAY", "STATE", "MACHINES")
                            : List.of("NAME", "BRIDGE", "NETWORK", "GATEWAY", "STATE"));
            List<MachineRecord> machines = long_ ? uses.machines().get().list() : List.of();
            for (Network network : networks.store().list()) {
                List<String> row = new ArrayList<>(List.of(
                        network.name(),
                        network.bridge(),
                        network.subnet(),
                        network.cidr().gateway(),
                        networks.links().state(network.bridge())));
                if (long_) {
                    row.add(machines.stream()
                            .filter(m -> m.spec().networks().stream()
                                    .anyMatch(a -> a.network().equals(network.name())))
                            .map(MachineRecord::name)
                            .collect(Collectors.joining(", ")));
                }
                rows.add(row);
            }
            PrintStream out = uses.console().get().out();
            switch (format) {
                case "json", "yaml" ->
                    out.println(Listings.render(
                            rows.subList(1, rows.size()).stream()
                                    .map(row -> document(rows.get(0), row))
                                    .toList(),
                            format));
                case "list" -> Table.printList(rows, out);
                default -> Table.print(rows, out);
            }
            return 0;
        }
    }

    /** A row as a document: the header's names in lower case as keys. */
    private static Map<String, String> document(List<String> header, List<String> row) {
        Map<String, String> document = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            document.put(header.get(i).toLowerCase(Locale.ROOT), row.get(i));
        }
        return document;
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a network and the machines on it.")
    static final class Inspect implements Callable<Integer> {
        private final Uses uses;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        Inspect(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            checkDriver(spec);
            NetworkService networks = uses.networks().get();
            Network network = networks.store().get(name);
            var out = uses.console().get().out();
            out.println("name: " + network.name());
            out.println("bridge: " + network.bridge() + " (" + networks.links().state(network.bridge()) + ")");
            out.println("network: " + network.subnet());
            out.println("gateway: " + network.cidr().gateway());
            out.println("machines:");
            uses.machines()
                    .get()
                    .list()
                    .forEach(m -> m.spec().networks().stream()
                            .filter(a -> a.network().equals(name))
                            .forEach(a -> out.println("  " + m.name() + " " + a.address() + " " + a.tap() + " "
                                    + m.state().label())));
            return 0;
        }
    }

    @Command(
            name = "remove",
            aliases = {"rm", "delete", "del"},
            mixinStandardHelpOptions = true,
            description = "Remove networks.")
    static final class Remove implements Callable<Integer> {
        private final Uses uses;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Option(
                names = {"-f", "--force"},
                description = "Stop the machines running on it first.")
        boolean force;

        Remove(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() throws InterruptedException {
            checkDriver(spec);
            NetworkService networks = uses.networks().get();
            MachineService machines = uses.machines().get();
            for (String name : names) {
                Network network = networks.store().get(name);
                if (force) {
                    for (String machine : machines.activeOn(name)) {
                        machines.stop(machines.find(machine), Duration.ofSeconds(10));
                    }
                }
                networks.remove(network, machines.activeOn(name));
                uses.console().get().out().println(name);
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = "Bring a network's bridge up or down.")
    static final class UpDown implements Callable<Integer> {
        private final Uses uses;
        private final boolean up;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        UpDown(Uses uses, boolean up) {
            this.uses = uses;
            this.up = up;
        }

        @Override
        public Integer call() {
            checkDriver(spec);
            NetworkService networks = uses.networks().get();
            networks.links().setUp(networks.store().get(name).bridge(), up);
            uses.console().get().out().println(name);
            return 0;
        }
    }
}
