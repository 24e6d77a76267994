package dev.kraft.machine.xen;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ShellWords;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs Xen's {@code xl}, found on PATH, with a deadline: xl waits on the hypervisor and on the
 * guest ({@code shutdown -w}), so each call is bounded. Output goes through a file, not a pipe,
 * because {@code xl create} leaves a monitoring child that may keep a pipe open.
 */
final class Xl {
    /** What one call did; {@code status} is -1 when the deadline passed and xl was killed. */
    record Result(int status, String output) {
        String firstLine() {
            return output.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit status " + status);
        }
    }

    private final Map<String, String> env;
    private final Consumer<String> debug;

    /** @param debug told each xl command line before it runs */
    Xl(Map<String, String> env, Consumer<String> debug) {
        this.env = env;
        this.debug = debug;
    }

    Optional<String> find() {
        return Arrays.stream(env.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir, "xl"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString);
    }

    String binary() {
        return find().orElseThrow(
                        () -> new KraftException(
                                ExitCode.HYPERVISOR_NOT_FOUND,
                                "xl not found on PATH; run kraft"
                                        + " as root in a Xen dom0 with Xen's tools installed (Debian: apt-get install xen-utils; xl is in /usr/sbin)"));
    }

    Result run(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of(binary()));
        argv.addAll(List.of(args));
        Path output = null;
        Process process = null;
        try {
            debug.accept("running " + ShellWords.line(argv));
            output = Files.createTempFile("kraft-xl", ".out");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
            int status = -1;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                status = process.exitValue();
            } else {
                process.destroyForcibly().waitFor();
            }
            return new Result(status, new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.HYPERVISOR_FAILED, "cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted: " + String.join(" ", argv));
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
