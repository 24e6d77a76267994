package dev.kraft.machine.network;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux bridges and TAP devices through iproute2's {@code ip}, which every distribution has;
 * kraft needs no netlink library. Creating links needs CAP_NET_ADMIN (root), and the error says so.
 */
public final class LinkCommands {
    private final Processes processes;
    private final List<String> prefix;

    public LinkCommands(Processes processes) {
        this(processes, List.of());
    }

    private LinkCommands(Processes processes, List<String> prefix) {
        this.processes = processes;
        this.prefix = List.copyOf(prefix);
    }

    /** The same commands inside a network namespace ({@code /proc/PID/ns/net}, {@code /var/run/netns/NAME}), through nsenter. */
    public LinkCommands inNamespace(Path namespace) {
        return new LinkCommands(processes, List.of("nsenter", "--net=" + namespace));
    }

    /** A bridge without an address of its own. */
    public void createBridge(String bridge) {
        ip("link", "add", "name", bridge, "type", "bridge");
        ip("link", "set", bridge, "up");
    }

    /** An interface's route to everywhere else: the device and the gateway of {@code default via GW dev DEV}. */
    public Optional<Route> defaultRoute() {
        List<String> out = new ArrayList<>();
        run(List.of("ip", "-4", "-o", "route", "show", "default"), out);
        for (String line : out) {
            List<String> words = List.of(line.trim().split("\\s+"));
            int via = words.indexOf("via");
            int dev = words.indexOf("dev");
            if (via >= 0 && dev >= 0 && via + 1 < words.size() && dev + 1 < words.size()) {
                return Optional.of(new Route(words.get(dev + 1), words.get(via + 1)));
            }
        }
        return Optional.empty();
    }

    /** A default route: its device and gateway. */
    public record Route(String device, String gateway) {}

    /** The IPv4 addresses of a link, in CIDR form. */
    public List<String> addresses(String link) {
        List<String> out = new ArrayList<>();
        run(List.of("ip", "-4", "-o", "addr", "show", "dev", link), out);
        List<String> addresses = new ArrayList<>();
        for (String line : out) {
            List<String> words = List.of(line.trim().split("\\s+"));
            int inet = words.indexOf("inet");
            if (inet >= 0 && inet + 1 < words.size()) {
                addresses.add(words.get(inet + 1));
            }
        }
        return addresses;
    }

    public void addAddress(String link, String cidr) {
        ip("addr", "add", cidr, "dev", link);
    }

    public void flushAddresses(String link) {
        ip("addr", "flush", "dev", link);
    }

    public void addDefaultRoute(String gateway, String link) {
        ip("route", "add", "default", "via", gateway, "dev", link);
    }

    /** Makes the link a port of the bridge; with an empty bridge, a port of none. */
    public void setMaster(String link, String bridge) {
        if (bridge.isEmpty()) {
            ip("link", "set", link, "nomaster");
        } else {
            ip("link", "set", link, "master", bridge);
        }
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
            throw new KraftException(
                    permission ? ExitCode.STATE : ExitCode.FAILURE,
                    String.join(" ", argv) + ": " + message
                            + (permission ? " (networks need root: CAP_NET_ADMIN)" : ""));
        }
    }

    private int run(List<String> argv, List<String> out) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(argv);
        return processes.run(full, Path.of("/"), out::add);
    }
}
