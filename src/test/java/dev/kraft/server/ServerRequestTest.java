package dev.kraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Tty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request as bin/kraft writes it parses; anything else is refused with a reason, never followed through a link. */
class ServerRequestTest {
    @TempDir
    Path tmp;

    private Path request(String name) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.write(dir.resolve("args"), "build\0-t\0hello world\0".getBytes(StandardCharsets.UTF_8));
        Files.write(
                dir.resolve("env"),
                ("HOME=" + tmp + "\0PATH=/x:/usr/bin\0A=b=c\0MULTI=one\ntwo\0").getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("cwd"), tmp + "\n");
        Files.writeString(dir.resolve("tty"), "011\n");
        Files.writeString(dir.resolve("jar"), "/opt/kraft/../kraft/kraft.jar\n");
        Process mkfifo = new ProcessBuilder(
                        "mkfifo",
                        dir.resolve("out").toString(),
                        dir.resolve("err").toString())
                .inheritIO()
                .start();
        assertEquals(0, mkfifo.waitFor());
        return dir;
    }

    private static ServerRequest read(Path dir) throws IOException {
        return ServerRequest.read(dir, ServerDir.currentUser());
    }

    private static String refusal(Path dir) {
        KraftException e = assertThrows(KraftException.class, () -> read(dir));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        return e.getMessage();
    }

    @Test
    void readsWhatTheLauncherWrites() throws Exception {
        ServerRequest request = read(request("req.Ab12Cd"));
        assertEquals(List.of("build", "-t", "hello world"), request.args());
        assertEquals(
                Map.of("HOME", tmp.toString(), "PATH", "/x:/usr/bin", "A", "b=c", "MULTI", "one\ntwo"), request.vars());
        assertEquals(tmp, request.cwd());
        assertEquals(tmp, request.home());
        assertEquals(new Tty(false, true, true), request.tty());
        assertEquals(Path.of("/opt/kraft/../kraft/kraft.jar"), request.jar());
    }

    @Test
    void servesOnlyBuild() throws Exception {
        Path dir = request("req.Ab12Cd");
        Files.write(dir.resolve("args"), "run\0".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(dir).contains("else than kraft build"));
    }

    @Test
    void refusesFilesLargerThanAMebibyte() throws Exception {
        Path dir = request("req.Ab12Cd");
        Files.write(dir.resolve("env"), new byte[ServerRequest.MAX_FILE + 1]);
        assertTrue(refusal(dir).contains("env larger than 1048576 bytes"));
    }

    @Test
    void neverFollowsALink() throws Exception {
        Path dir = request("req.Ab12Cd");
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "build\0");
        Files.delete(dir.resolve("args"));
        Files.createSymbolicLink(dir.resolve("args"), elsewhere);
        assertTrue(refusal(dir).contains("args that is not a regular file"));

        Path linked = Files.createSymbolicLink(tmp.resolve("req.Linked"), request("req.Target"));
        assertTrue(refusal(linked).contains("is not a directory of"));
    }

    @Test
    void refusesWhatTheLauncherNeverWrites() throws Exception {
        Path badName = request("other");
        assertTrue(refusal(badName).contains("is not named req.XXXXXX"));

        Path noHome = request("req.NoHome");
        Files.write(noHome.resolve("env"), "PATH=/usr/bin\0".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(noHome).contains("no absolute HOME"));

        Path badTty = request("req.BadTty");
        Files.writeString(badTty.resolve("tty"), "yes\n");
        assertTrue(refusal(badTty).contains("tty"));

        Path relativeCwd = request("req.RelCwd");
        Files.writeString(relativeCwd.resolve("cwd"), "p\n");
        assertTrue(refusal(relativeCwd).contains("working directory"));

        Path noFifo = request("req.NoFifo");
        Files.delete(noFifo.resolve("err"));
        Files.writeString(noFifo.resolve("err"), "");
        assertTrue(refusal(noFifo).contains("no FIFO err"));
    }
}
