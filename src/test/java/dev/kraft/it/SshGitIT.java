package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components from git over ssh, against a real OpenSSH server on loopback: keys, known_hosts and
 * config come from the HOME kraft runs with, and the agent from its SSH_AUTH_SOCK.
 */
class SshGitIT {
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path tmp;

    SshServer server;
    KraftCli kraft;
    Path dotSsh;

    @BeforeEach
    void serverAndHome() throws Exception {
        server = SshServer.start(tmp.resolve("sshd"));
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        dotSsh = Files.createDirectories(kraft.home().resolve(".ssh"));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** hello-local with its core in a bare repository, named in the Kraftfile by {@code source} (given the repository's path). */
    private Path projectWithCoreAt(Function<Path, String> source) throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path upstream = tmp.resolve("upstream/unikraft");
        Files.createDirectories(upstream.getParent());
        Files.move(project.resolve("core"), upstream);
        Git.commitAll(upstream, "core");
        Path bare = tmp.resolve("upstream/unikraft.git");
        Git.run(upstream.getParent(), "clone", "-q", "--bare", upstream.toString(), bare.toString());
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("source: ./core", "source: " + source.apply(bare) + "\n  version: main"));
        return project;
    }

    private Path projectOverSshUrl() throws Exception {
        return projectWithCoreAt(bare -> "ssh://" + USER + "@127.0.0.1:" + server.port() + bare);
    }

    private void knowTheServer() throws IOException {
        Files.writeString(dotSsh.resolve("known_hosts"), server.knownHostsLine());
    }

    /** {@code Host unikraft-mirror} in ~/.ssh/config, pointing at the server, plus any more lines. */
    private void mirrorInSshConfig(String more) throws IOException {
        Files.writeString(
                dotSsh.resolve("config"),
                "Host unikraft-mirror\n  HostName 127.0.0.1\n  Port " + server.port() + "\n" + more);
    }

    private void assertFetched(Path project, KraftCli.Result fetch) throws Exception {
        assertEquals(0, fetch.exit(), fetch::toString);
        String commit = Git.run(tmp.resolve("upstream/unikraft"), "rev-parse", "HEAD");
        assertTrue(fetch.err().contains("resolved unikraft main to " + commit.substring(0, 12)), fetch::toString);
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/unikraft/Makefile")), "the core is placed");
    }

    /** A refusal is the one line of stderr, exit 8, and nothing placed. */
    private static void assertRefused(Path project, KraftCli.Result result, String... parts) {
        assertEquals(8, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().startsWith("error: cannot list ssh://"), result::toString);
        for (String part : parts) {
            assertTrue(result.err().contains(part), () -> "no \"" + part + "\" in " + result);
        }
        assertFalse(Files.exists(project.resolve(".unikraft/unikraft")), "nothing placed");
    }

    @Test
    void buildsAndBootsWithTheCoreOverSsh() throws Exception {
        server.authorize(SshServer.keygen(dotSsh.resolve("id_ed25519")));
        knowTheServer();
        Path project = projectOverSshUrl();

        KraftCli.Result build = kraft.run(project, "build");
        assertFetched(project, build);
        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertEquals(83, boot.exit(), boot::toString);
        assertTrue(boot.out().contains("Hello from hello"), boot::toString);
    }

    @Test
    void sshConfigGivesHostPortUserAndKey() throws Exception {
        server.authorize(SshServer.keygen(dotSsh.resolve("mirror_key")));
        knowTheServer();
        mirrorInSshConfig("  User " + USER + "\n  IdentityFile ~/.ssh/mirror_key\n");
        Path project = projectWithCoreAt(bare -> "ssh://unikraft-mirror" + bare);

        assertFetched(project, kraft.run(project, "fetch"));
    }

    @Test
    void anScpLikeAddressWithTheKeyOnlyInSshAgent() throws Exception {
        Path key = SshServer.keygen(tmp.resolve("agent-only/key"));
        server.authorize(key);
        knowTheServer();
        mirrorInSshConfig("");
        Path project = projectWithCoreAt(bare -> USER + "@unikraft-mirror:" + bare);
        Path socket = tmp.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            for (int i = 0; i < 50 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process adding = add.start();
            assertTrue(adding.waitFor(30, TimeUnit.SECONDS) && adding.exitValue() == 0, "ssh-add");

            assertFetched(
                    project, kraft.with("SSH_AUTH_SOCK", socket.toString()).run(project, "fetch"));
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedInOneLine() throws Exception {
        server.authorize(SshServer.keygen(dotSsh.resolve("id_ed25519")));
        Files.writeString(dotSsh.resolve("known_hosts"), "");
        Path project = projectOverSshUrl();

        KraftCli.Result build = kraft.run(project, "build");
        assertRefused(
                project,
                build,
                "host [127.0.0.1]:" + server.port() + " is not in " + dotSsh.resolve("known_hosts"),
                "ssh -p " + server.port() + " " + USER + "@127.0.0.1");
        assertEquals("", Files.readString(dotSsh.resolve("known_hosts")), "nothing accepted on the user's behalf");
    }

    @Test
    void aChangedHostKeyIsRefusedInOneLine() throws Exception {
        server.authorize(SshServer.keygen(dotSsh.resolve("id_ed25519")));
        String impostor = Files.readString(Path.of(SshServer.keygen(tmp.resolve("other/host_key")) + ".pub"))
                .split(" ")[1];
        Files.writeString(
                dotSsh.resolve("known_hosts"), "[127.0.0.1]:" + server.port() + " ssh-ed25519 " + impostor + "\n");
        Path project = projectOverSshUrl();

        assertRefused(
                project,
                kraft.run(project, "build"),
                "host key of [127.0.0.1]:" + server.port() + " has changed",
                "ssh-keygen -R '[127.0.0.1]:" + server.port() + "'");
    }

    @Test
    void noKeyTheServerTakesIsRefusedInOneLine() throws Exception {
        SshServer.keygen(dotSsh.resolve("id_ed25519"));
        knowTheServer();
        Path project = projectOverSshUrl();

        assertRefused(
                project,
                kraft.run(project, "build"),
                "the server took none of the keys offered: the id_* keys in " + dotSsh,
                "SSH_AUTH_SOCK is not set");
    }
}
