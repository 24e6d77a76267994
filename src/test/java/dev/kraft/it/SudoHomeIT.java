package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sudo -E kraft …} with a user's HOME, then the same user without sudo (KraftKit #992,
 * #1342): nothing root made under HOME stays root's, the user's commands all work, and the
 * user's {@code stop} of root's machine says "permission denied" at once instead of hanging.
 * The user is made by the test ({@code useradd}) and played with {@code runuser}; CI runs as root.
 */
class SudoHomeIT {
    @TempDir
    Path tmp;

    String user;
    Path home;
    KraftCli root;
    KraftCli asUser;

    @BeforeEach
    void aUserWithAHome() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        user = "kraftit" + (100000 + new Random().nextInt(900000));
        home = tmp.resolve("home");
        exec("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", user);
        Files.createDirectories(home);
        exec("chown", user + ":" + user, home.toString());
        Path project = Projects.helloLocalWith(home, Projects.RUN_FOREVER);
        Path index = Files.createDirectories(home.resolve("index"));
        Files.writeString(
                index.resolve("index.yaml"), "manifests:\n- name: greet\n  type: lib\n  manifest: ./greet.yaml\n");
        Files.writeString(
                index.resolve("greet.yaml"),
                "name: greet\ntype: lib\nchannels:\n- name: stable\n  default: true\n"
                        + "  resource: https://example.org/greet.tar.gz\n");
        exec("chown", "-R", user + ":" + user, project.toString(), index.toString());
        String uid = exec("id", "-u", user).strip();
        String gid = exec("id", "-g", user).strip();
        root = new KraftCli(home).with("SUDO_UID", uid).with("SUDO_GID", gid).with("SUDO_USER", user);
        asUser = new KraftCli(home).asUser(user);
    }

    @AfterEach
    void removeUser() throws Exception {
        root.run(tmp, "rm", "-f", "--all");
        exec("userdel", user);
    }

    @Test
    void whatSudoMadeUnderHomeIsTheUsersAndRootsMachineIsRefusedNotWaitedFor() throws Exception {
        Path project = home.resolve("hello-local");
        expect(root, project, 0, "pkg", "source", home.resolve("index").toString());
        expect(root, project, 0, "pkg", "unsource", "https://manifests.kraftkit.sh/index.yaml");
        expect(root, project, 0, "pkg", "update");
        expect(root, project, 0, "build");
        expect(root, project, 0, "run", "-W", "-d", "--name", "roots");
        assertEquals(List.of(), rootOwned(), "nothing kraft made under HOME as root stays root's");

        expect(asUser, project, 0, "build");
        expect(asUser, project, 0, "pkg", "update");
        expect(asUser, project, 0, "run", "-W", "-d", "--name", "users");
        assertTrue(expect(asUser, project, 0, "ps").out().contains("roots"));
        long started = System.nanoTime();
        KraftCli.Result stop = expect(asUser, project, 11, "stop", "roots");
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "no wait on a process it may not signal");
        assertTrue(
                stop.err().contains("cannot stop machine roots: permission denied")
                        && stop.err().contains("sudo kraft stop roots"),
                stop::toString);
        expect(asUser, project, 0, "rm", "-f", "users");
        expect(asUser, project, 0, "clean");
        expect(root, project, 0, "rm", "-f", "roots");
        assertEquals(List.of(), rootOwned());
    }

    @Test
    void aFileRootLeftBehindIsPermissionDeniedWithWhatToDo() throws Exception {
        Path project = home.resolve("hello-local");
        expect(asUser, project, 0, "pkg", "source", home.resolve("index").toString());
        expect(asUser, project, 0, "pkg", "unsource", "https://manifests.kraftkit.sh/index.yaml");
        Path manifests = Files.createDirectories(home.resolve(".local/share/kraftkit/manifests"));
        exec("chown", "-R", user + ":" + user, home.resolve(".local").toString());
        exec("chown", "root:root", manifests.toString());

        KraftCli.Result update = expect(asUser, project, 11, "pkg", "update");
        assertTrue(
                update.err().contains("permission denied") && update.err().contains("sudo chown -R $USER"),
                update::toString);
    }

    private KraftCli.Result expect(KraftCli kraft, Path dir, int exit, String... args) throws Exception {
        KraftCli.Result result = kraft.run(dir, args);
        assertEquals(exit, result.exit(), () -> String.join(" ", args) + ": " + result);
        return result;
    }

    /** Root's files under HOME, but for this harness's own output files and QEMU's control socket (QEMU is root's). */
    private List<Path> rootOwned() throws IOException {
        try (Stream<Path> all = Files.walk(home)) {
            return all.filter(p -> owner(p) == 0)
                    .filter(p -> !(p.getParent().equals(home)
                            && p.getFileName().toString().matches("(out|err).*\\.txt")))
                    .filter(p -> !p.getFileName().toString().equals("qmp.sock"))
                    .toList();
        }
    }

    private static int owner(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String exec(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), () -> String.join(" ", argv) + ": " + out);
        return out;
    }
}
