package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.network.Network;
import dev.kraft.machine.network.NetworkService;
import dev.kraft.support.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft net}: Linux bridges that machines join with {@code --network}, as
 * {@code docker network} does. Creating and removing bridges needs root.
 */
@Command(name = "net", aliases = "network", mixinStandardHelpOptions = true, description = "Manage machine networks (Linux bridges).",
        footer = {"", "Examples:", "  kraft net create kraft0", "  kraft run --network kraft0 -d", "  kraft net rm kraft0"})
final class NetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** What the subcommands use: the networks, the machines on them, and the console. */
    record Uses(Supplier<NetworkService> networks, Supplier<MachineService> machines, Supplier<Console> console) {
    }

    static CommandLine commandLine(Uses uses) {
        return new CommandLine(new NetCommand())
                .addSubcommand(new Create(uses)).addSubcommand(new ListNetworks(uses))
                .addSubcommand(new Inspect(uses)).addSubcommand(new Remove(uses))
                .addSubcommand("up", new CommandLine(new UpDown(uses, true)))
                .addSubcommand("down", new CommandLine(new UpDown(uses, false)));
    }

    @Command(name = "create", aliases = "add", mixinStandardHelpOptions = true, description = "Create a network.")
    static final class Create implements Callable<Integer> {
        private final Uses uses;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = {"-n", "--network"}, paramLabel = "CIDR", description = "Its subnet (default: a free /24 of 172.20.0.0/14).")
        String cidr;

        Create(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            Network network = uses.networks().get().create(name, Optional.ofNullable(cidr));
            uses.console().get().out().println(network.name());
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List networks.")
    static final class ListNetworks implements Callable<Integer> {
        private final Uses uses;

        ListNetworks(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            NetworkService networks = uses.networks().get();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("NAME", "BRIDGE", "NETWORK", "GATEWAY", "STATE"));
            for (Network network : networks.store().list()) {
                rows.add(List.of(network.name(), network.bridge(), network.subnet(), network.cidr().gateway(),
                        networks.links().state(network.bridge())));
            }
            Table.print(rows, uses.console().get().out());
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a network and the machines on it.")
    static final class Inspect implements Callable<Integer> {
        private final Uses uses;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Inspect(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            NetworkService networks = uses.networks().get();
            Network network = networks.store().get(name);
            var out = uses.console().get().out();
            out.println("name: " + network.name());
            out.println("bridge: " + network.bridge() + " (" + networks.links().state(network.bridge()) + ")");
            out.println("network: " + network.subnet());
            out.println("gateway: " + network.cidr().gateway());
            out.println("machines:");
            uses.machines().get().list().forEach(m -> m.spec().networks().stream().filter(a -> a.network().equals(name))
                    .forEach(a -> out.println("  " + m.name() + " " + a.address() + " " + a.tap() + " " + m.state().label())));
            return 0;
        }
    }

    @Command(name = "remove", aliases = {"rm", "delete"}, mixinStandardHelpOptions = true, description = "Remove networks.")
    static final class Remove implements Callable<Integer> {
        private final Uses uses;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        Remove(Uses uses) {
            this.uses = uses;
        }

        @Override
        public Integer call() {
            NetworkService networks = uses.networks().get();
            for (String name : names) {
                networks.remove(networks.store().get(name), uses.machines().get().activeOn(name));
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

        UpDown(Uses uses, boolean up) {
            this.uses = uses;
            this.up = up;
        }

        @Override
        public Integer call() {
            NetworkService networks = uses.networks().get();
            networks.links().setUp(networks.store().get(name).bridge(), up);
            uses.console().get().out().println(name);
            return 0;
        }
    }
}
