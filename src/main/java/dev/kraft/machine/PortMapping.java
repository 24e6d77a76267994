package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A published port, in the syntax KraftKit takes from nerdctl (and docker):
 * {@code [hostip:][hostport:]guestport[/tcp|udp]}, each port possibly a range
 * ({@code 8080-8081:80-81}). Without a host port the guest port is published on a free one
 * ({@link #withFreeHostPort}); a host port of 0 stands for it until then.
 */
public record PortMapping(String hostIp, int hostPort, int guestPort, String protocol) {
    /** Where a published port listens unless the flag names an address: every address, as in KraftKit and docker. */
    public static final String DEFAULT_ADDRESS = "0.0.0.0";

    /** One mapping as a record stores it ({@link #spec}), or a flag naming one port; no address means {@link #DEFAULT_ADDRESS}. */
    public static PortMapping parse(String text) {
        List<PortMapping> mappings = publish(text, DEFAULT_ADDRESS);
        if (mappings.size() != 1 || mappings.get(0).hostPort() == 0) {
            throw usage(text, "expected [hostip:]hostport:guestport[/tcp|udp]");
        }
        return mappings.get(0);
    }

    /**
     * What one {@code -p} publishes: one mapping per port of its ranges.
     *
     * @param defaultAddress the host address when the flag names none
     */
    public static List<PortMapping> publish(String text, String defaultAddress) {
        String spec = text;
        String protocol = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            spec = spec.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw usage(text, "protocol must be tcp or udp");
            }
        }
        int last = spec.lastIndexOf(':');
        int[] guest = range(spec.substring(last + 1), text);
        String host = last < 0 ? "" : spec.substring(0, last);
        String ip = defaultAddress;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            ip = host.substring(0, colon);
            host = host.substring(colon + 1);
            if (ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw usage(text, "host address \"" + ip + "\" is not an IP address");
            }
        }
        int[] hosts = host.isEmpty() ? new int[] {0, 0} : range(host, text);
        int count = guest[1] - guest[0] + 1;
        if (!host.isEmpty() && hosts[1] - hosts[0] + 1 != count) {
            throw usage(text, "the host range and the guest range must have as many ports");
        }
        List<PortMapping> mappings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mappings.add(new PortMapping(ip, host.isEmpty() ? 0 : hosts[0] + i, guest[0] + i, protocol));
        }
        return mappings;
    }

    /** This mapping with a host port that is free now, if it has none yet (docker's {@code -p 80}). */
    public PortMapping withFreeHostPort() {
        if (hostPort != 0) {
            return this;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(hostIp))) {
            return new PortMapping(hostIp, socket.getLocalPort(), guestPort, protocol);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.STATE, Input.PORT, spec(), "no free port on " + hostIp + ": " + e.getMessage());
        }
    }

    private static int[] range(String text, String whole) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int port = port(text, whole);
            return new int[] {port, port};
        }
        int first = port(text.substring(0, dash), whole);
        int last = port(text.substring(dash + 1), whole);
        if (last < first) {
            throw usage(whole, "range " + text + " ends before it starts");
        }
        return new int[] {first, last};
    }

    private static int port(String text, String whole) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the whole flag.
        }
        throw usage(whole, "port \"" + text + "\" must be a number from 1 to 65535");
    }

    private static KraftException usage(String text, String why) {
        return new KraftException(ExitCode.USAGE, Input.PORT, text, why);
    }

    /** The form {@link #parse} reads back: {@code hostip:hostport:guestport/proto}. */
    public String spec() {
        return hostIp + ":" + hostPort + ":" + guestPort + "/" + protocol;
    }

    /** As docker ps shows it: {@code 0.0.0.0:8080->80/tcp}. */
    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + guestPort + "/" + protocol;
    }
}
