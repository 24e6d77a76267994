package dev.kraft.machine.network;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux bridges and TAP devices through iproute2's {@code ip}, which every distribution has;
 * kraft needs no netlink library. Creating links needs CAP_NET_ADMIN (root), and the error says so.
 */
public final class LinkCommands {
    private final Processes processes;

    public LinkCommands(Processes processes) {
        this.processes = processes;
    }

    public void createBridge(String bridge, Subnet subnet) {
        ip("link", "add", "name", bridge, "type", "bridge");
        ip("addr", "add", subnet.gateway() + "/" + subnet.prefix(), "dev", bridge);
        ip("link", "set", bridge, "up");
    }

    public void setUp(String link, boolean up) {
        ip("link", "set", link, up ? "up" : "down");
    }

    public void delete(String link) {
        ip("link", "delete", link);
    }

    public boolean exists(String link) {
        return run(List.of("ip", "link", "show", link), new ArrayList<>()) == 0;
    }

    /** {@code ip -o link show}: one line per link, for {@code kraft net ls} states. */
    public String state(String link) {
        List<String> out = new ArrayList<>();
        if (run(List.of("ip", "-o", "link", "show", link), out) != 0) {
            return "missing";
        }
        String line = String.join(" ", out);
        return line.contains(",UP") || line.contains("<UP") ? "up" : "down";
    }

    /** The IPv4 networks configured on this host, to keep new networks clear of them. */
    public List<Subnet> hostNetworks() {
        List<String> out = new ArrayList<>();
        run(List.of("ip", "-o", "-4", "addr", "show"), out);
        List<Subnet> networks = new ArrayList<>();
        for (String line : out) {
            String[] fields = line.trim().split("\\s+");
            for (int i = 0; i + 1 < fields.length; i++) {
                if (fields[i].equals("inet")) {
                    networks.add(Subnet.parse(fields[i + 1]));
                }
            }
        }
        return networks;
    }

    public void createTap(String tap, String bridge) {
        ip("tuntap", "add", "dev", tap, "mode", "tap");
        ip("link", "set", tap, "master", bridge);
        ip("link", "set", tap, "up");
    }

    private void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        List<String> out = new ArrayList<>();
        if (run(argv, out) != 0) {
            String message = String.join(" ", out).strip();
            boolean permission = message.contains("Operation not permitted");
            throw new KraftException(permission ? ExitCode.STATE : ExitCode.FAILURE, String.join(" ", argv) + ": " + message
                    + (permission ? " (networks need root: CAP_NET_ADMIN)" : ""));
        }
    }

    private int run(List<String> argv, List<String> out) {
        return processes.run(argv, Path.of("/"), out::add);
    }
}
