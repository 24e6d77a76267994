package dev.kraft.support;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the process got from the outside world: working directory, home, environment, standard
 * streams, terminal facts and a clock. Passed down explicitly so tests can run kraft in-process
 * with a fake world.
 */
public record Env(
        Path cwd,
        Path home,
        Map<String, String> vars,
        InputStream in,
        PrintStream out,
        PrintStream err,
        Tty tty,
        Clock clock) {

    public Env {
        vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(
                Path.of("").toAbsolutePath(),
                userHome(),
                System.getenv(),
                System.in,
                System.out,
                System.err,
                Tty.detect(),
                Clock.systemUTC());
    }

    /** $HOME, as every Unix tool reads it; Java's user.home comes from the password database instead. */
    private static Path userHome() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    public Optional<String> var(String name) {
        String value = vars.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A path relative to the working directory, made absolute and normal. */
    public Path resolve(String path) {
        return cwd.resolve(path).toAbsolutePath().normalize();
    }
}
