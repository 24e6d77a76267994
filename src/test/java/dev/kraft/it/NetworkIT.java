package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kraft net and --network with real bridges and TAP devices, inside a network namespace of the
 * test's own so the host's network is never touched (CI runs as root).
 */
class NetworkIT {
    @TempDir
    Path tmp;

    String namespace;
    KraftCli kraft;

    @BeforeEach
    void namespace() throws Exception {
        namespace = "kraft-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        ip("netns", "add", namespace);
        ip("netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home"))).inNetworkNamespace(namespace);
    }

    @AfterEach
    void cleanUp() throws Exception {
        kraft.run(tmp, "rm", "-f", "--all");
        ip("netns", "del", namespace);
    }

    @Test
    void machinesJoinABridgeWithTheirOwnAddresses() throws Exception {
        Path project = Projects.helloLocalWith(tmp, Projects.RUN_FOREVER);
        assertEquals(0, kraft.run(project, "build").exit());

        KraftCli.Result created = kraft.run(tmp, "net", "create", "kraft0");
        assertEquals(0, created.exit(), created::toString);
        KraftCli.Result list = kraft.run(tmp, "net", "ls");
        assertTrue(
                list.out().contains("kraft0")
                        && list.out().contains("172.20.0.0/24")
                        && list.out().contains("up"),
                list::toString);

        assertEquals(
                0,
                kraft.run(project, "run", "-W", "-d", "--name", "one", "--network", "kraft0")
                        .exit());
        KraftCli.Result second = kraft.run(
                project,
                "run",
                "-W",
                "-d",
                "--name",
                "two",
                "--network",
                "kraft0:172.20.0.9",
                "-p",
                Ports.free() + ":80");
        assertEquals(0, second.exit(), second::toString);
        assertTrue(kraft.waitForLog(tmp, "one", "netdev.ip=172.20.0.2/24:172.20.0.1::::"), "the first machine gets .2");
        assertTrue(
                kraft.waitForLog(tmp, "two", "netdev.ip=172.20.0.9/24:172.20.0.1::::"),
                "the second gets the address asked for");

        String enslaved = ipIn("link", "show", "master", "kraft0");
        assertEquals(2, enslaved.lines().filter(l -> l.contains(": kt")).count(), enslaved);

        KraftCli.Result busy = kraft.run(tmp, "net", "rm", "kraft0");
        assertEquals(3, busy.exit(), busy::toString);
        KraftCli.Result taken = kraft.run(project, "run", "-W", "-d", "--network", "kraft0:172.20.0.9");
        assertEquals(2, taken.exit(), taken::toString);
        assertTrue(taken.err().contains("172.20.0.9 is taken"), taken::toString);

        assertEquals(0, kraft.run(tmp, "rm", "-f", "one", "two").exit());
        assertFalse(ipIn("link", "show").contains(": kt"), "TAP devices are removed with their machines");
        assertEquals(0, kraft.run(tmp, "net", "rm", "kraft0").exit());
        assertFalse(ipIn("link", "show").contains("kraft0"), "the bridge is gone");
    }

    @Test
    void anUnknownNetworkIsNamed() throws Exception {
        KraftCli.Result run = kraft.run(tmp, "net", "inspect", "nope");
        assertEquals(6, run.exit(), run::toString);
        assertEquals(
                "error: no network named nope (kraft net ls lists them)",
                run.err().strip());
    }

    private String ipIn(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "ip"));
        argv.addAll(List.of(args));
        return KraftCli.Result.of(argv, tmp, Map.of("PATH", System.getenv("PATH")), tmp, 30)
                .out();
    }

    private void ip(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        KraftCli.Result result = KraftCli.Result.of(argv, tmp, Map.of("PATH", System.getenv("PATH")), tmp, 30);
        assertEquals(0, result.exit(), result::toString);
    }
}
