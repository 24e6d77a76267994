package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.util.Locale;

/**
 * A published port, docker's syntax: {@code [hostip:]hostport:guestport[/tcp|udp]}. The host
 * address defaults to 127.0.0.1, so nothing is exposed beyond this machine unless asked.
 */
public record PortMapping(String hostIp, int hostPort, int guestPort, String protocol) {

    public static PortMapping parse(String text) {
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
        if (last < 0) {
            throw usage(text, "expected [hostip:]hostport:guestport[/tcp|udp]");
        }
        int guest = port(spec.substring(last + 1), text);
        String host = spec.substring(0, last);
        String ip = "127.0.0.1";
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
        return new PortMapping(ip, port(host, text), guest, protocol);
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

    /** As docker ps shows it: {@code 127.0.0.1:8080->80/tcp}. */
    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + guestPort + "/" + protocol;
    }
}
