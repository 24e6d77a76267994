package dev.kraft.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code bin/kraft} launcher as a user would, in a world of its own: a temp
 * HOME and XDG directories, no colour, no terminal.
 */
final class KraftCli {
    static final Path LAUNCHER = Path.of("bin/kraft").toAbsolutePath();
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> prefix = new ArrayList<>();
    private String user;
    private Path launcher = LAUNCHER;

    KraftCli(Path home) {
        this.home = home;
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("NO_COLOR", "1");
        env.put("LANG", "C.UTF-8");
    }

    /** Runs every command inside a network namespace (ip netns exec NS …). */
    KraftCli inNetworkNamespace(String namespace) {
        prefix.addAll(List.of("ip", "netns", "exec", namespace));
        return this;
    }

    /** Runs every command as another user (runuser), with this environment, as the user would after logging in. */
    KraftCli asUser(String name) {
        user = name;
        return this;
    }

    /** Runs another copy of the launcher (one whose jar a test may change). */
    KraftCli launcher(Path copy) {
        launcher = copy;
        return this;
    }

    KraftCli with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path home() {
        return home;
    }

    /** The environment every command runs in. */
    Map<String, String> env() {
        return Map.copyOf(env);
    }

    Result run(Path dir, String... args) throws IOException, InterruptedException {
        return runWithInput(dir, Path.of("/dev/null"), args);
    }

    /** Runs kraft with its stdin read from a file ({@code kraft login … --password-stdin < token.txt}). */
    Result runWithInput(Path dir, Path stdin, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(prefix);
        if (user != null) {
            argv.addAll(List.of("runuser", "-u", user, "--", "env", "-i"));
            env.forEach((name, value) -> argv.add(name + "=" + value));
        }
        argv.add(launcher.toString());
        argv.addAll(List.of(args));
        return Result.of(argv, dir, env, home, stdin, 600);
    }

    /** Starts kraft without waiting, for tests that kill it or run several at once; output is discarded. */
    Process start(Path dir, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Polls {@code kraft logs} until the machine's console shows the text (10 s at most). */
    boolean waitForLog(Path dir, String machine, String text) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (run(dir, "logs", machine).out().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    record Result(int exit, String out, String err) {
        static Result of(List<String> argv, Path dir, Map<String, String> env, Path scratch, int timeoutSeconds)
                throws IOException, InterruptedException {
            return of(argv, dir, env, scratch, Path.of("/dev/null"), timeoutSeconds);
        }

        static Result of(
                List<String> argv, Path dir, Map<String, String> env, Path scratch, Path stdin, int timeoutSeconds)
                throws IOException, InterruptedException {
            Path out = Files.createTempFile(scratch, "out", ".txt");
            Path err = Files.createTempFile(scratch, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(argv + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
