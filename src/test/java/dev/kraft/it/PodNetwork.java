package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A pod network as Kubernetes and ctr --cni make one, with Debian's CNI plugins (bridge,
 * host-local): a bridge of its own on the host with a test subnet, network namespaces made by
 * the test, all of it removed again on close, /etc/cni/net.d included.
 */
final class PodNetwork implements AutoCloseable {
    private static final Path CTR_CONFIG = Path.of("/etc/cni/net.d/00-kraft-runu-it.conflist");
    private final Path dir;
    private final String bridge;
    private final int third;
    private final List<String> namespaces = new ArrayList<>();
    private boolean ctrConfigured;

    private PodNetwork(Path dir, String bridge, int third) {
        this.dir = dir;
        this.bridge = bridge;
        this.third = third;
    }

    static PodNetwork create(Path tmp) throws IOException {
        int n = new Random().nextInt(200) + 20;
        return new PodNetwork(
                Files.createDirectories(tmp.resolve("cni")),
                "krt" + n + "x" + ProcessHandle.current().pid() % 1000,
                n);
    }

    String gateway() {
        return "10.254." + third + ".1";
    }

    private String plugin() {
        return "{\"type\": \"bridge\", \"bridge\": \"" + bridge
                + "\", \"isGateway\": true, \"isDefaultGateway\": true, \"ipMasq\": false,"
                + " \"ipam\": {\"type\": \"host-local\", \"ranges\": [[{\"subnet\": \"10.254." + third
                + ".0/24\"}]], \"dataDir\": \""
                + dir.resolve("ipam") + "\"}}";
    }

    Path namespace(String name) throws Exception {
        String unique = name + "-" + ProcessHandle.current().pid();
        assertEquals(0, exec("ip", "netns", "add", unique).exit());
        namespaces.add(unique);
        return Path.of("/var/run/netns", unique);
    }

    /** CNI's ADD, as the CRI plugin runs it for a pod: answers the pod's address. */
    String add(Path netns, String id) throws Exception {
        Path config = Files.writeString(
                dir.resolve("bridge.json"),
                "{\"cniVersion\": \"1.0.0\", \"name\": \"kraft-runu-it\", " + plugin().substring(1));
        KraftCli.Result added = KraftCli.Result.of(
                List.of("sh", "-c", "exec /usr/lib/cni/bridge < \"$0\"", config.toString()),
                dir,
                Map.of(
                        "PATH",
                        System.getenv("PATH"),
                        "CNI_COMMAND",
                        "ADD",
                        "CNI_CONTAINERID",
                        id,
                        "CNI_NETNS",
                        netns.toString(),
                        "CNI_IFNAME",
                        "eth0",
                        "CNI_PATH",
                        "/usr/lib/cni"),
                dir,
                60);
        assertEquals(0, added.exit(), added::toString);
        return addresses(netns).get(0);
    }

    /** What ctr --cni reads: the first network configuration of /etc/cni/net.d. */
    void configureCtr() throws IOException {
        Files.createDirectories(CTR_CONFIG.getParent());
        Files.writeString(
                CTR_CONFIG,
                "{\"cniVersion\": \"1.0.0\", \"name\": \"kraft-runu-it\", \"plugins\": [" + plugin() + "]}");
        ctrConfigured = true;
    }

    List<String> addresses(Path netns) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (String line : exec("nsenter", "--net=" + netns, "ip", "-4", "-o", "addr", "show", "dev", "eth0")
                .out()
                .lines()
                .toList()) {
            String[] words = line.trim().split("\\s+");
            addresses.add(words[3].split("/")[0]);
        }
        return addresses;
    }

    /**
     * Whether traffic for the address reaches the guest's NIC: a TCP connection tried from the
     * host (nothing answers, the test core has no network stack) sends ARP requests for it,
     * which tcpdump must see leave through the guest's TAP device, towards QEMU.
     */
    boolean reachesTheGuest(Path netns, String address) throws Exception {
        Path out = dir.resolve("tcpdump.out");
        Path err = dir.resolve("tcpdump.err");
        Process tcpdump = new ProcessBuilder(
                        "nsenter", "--net=" + netns, "tcpdump", "-l", "-n", "-c", "1", "-i", "kraft-tap0", "arp")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            for (int i = 0; i < 100 && !Files.readString(err).contains("listening on"); i++) {
                Thread.sleep(50);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, 80), 1500);
            } catch (IOException e) {
                // Expected: nobody answers.
            }
            tcpdump.waitFor(10, TimeUnit.SECONDS);
            return Files.readString(out).contains("who-has " + address + " ");
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private KraftCli.Result exec(String... argv) throws Exception {
        return KraftCli.Result.of(List.of(argv), dir, Map.of("PATH", System.getenv("PATH")), dir, 60);
    }

    @Override
    public void close() throws Exception {
        if (ctrConfigured) {
            Files.deleteIfExists(CTR_CONFIG);
        }
        for (String namespace : namespaces) {
            exec("ip", "netns", "delete", namespace);
        }
        exec("ip", "link", "delete", bridge);
    }
}
