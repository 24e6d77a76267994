package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Tty;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The one place failures become exit codes and the line the user reads. */
class ErrorHandlerTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int handle(Exception e) throws Exception {
        Env env = new Env(
                home,
                home,
                Map.of("NO_COLOR", "1"),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Tty.NONE,
                Clock.systemUTC());
        return new ErrorHandler(new Services(env, new GlobalOptions()))
                .handleExecutionException(e, new CommandLine(new VersionCommand()), null);
    }

    private String said() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void anInterruptExits130() throws Exception {
        assertEquals(130, handle(new InterruptedException()));
        assertEquals("error: interrupted", said());
    }

    @Test
    void aFailureAboutAnInputNamesItsFlag() throws Exception {
        assertEquals(
                2,
                handle(new KraftException(
                        ExitCode.USAGE, Input.PORT, "70000:1", "port \"70000\" must be a number from 1 to 65535")));
        assertEquals("error: -p 70000:1: port \"70000\" must be a number from 1 to 65535", said());
    }

    @Test
    void anotherUsersFileIsPermissionDeniedWithTheFix() throws Exception {
        KraftException e = new KraftException(
                ExitCode.FAILURE,
                "cannot write the package index in /h/m: /h/m/.index.yaml.1.tmp",
                new AccessDeniedException("/h/m/.index.yaml.1.tmp"));
        assertEquals(11, handle(e));
        assertEquals(
                "error: cannot write the package index in /h/m: /h/m/.index.yaml.1.tmp (permission denied); it belongs to another"
                        + " user: if sudo kraft made it, give it back with sudo chown -R $USER /h/m/.index.yaml.1.tmp",
                said());
    }
}
