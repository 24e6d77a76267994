package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A program in a terminal of its own: a tmux session on its own server socket, keys typed, the screen read. */
final class Terminal implements AutoCloseable {
    private final Path scratch;
    private final String socket;
    private final String name;

    /** Starts {@code command} in {@code dir} with exactly {@code env}, on a 200x50 screen. */
    Terminal(Path scratch, Path dir, List<String> command, Map<String, String> env) throws Exception {
        this.scratch = scratch;
        this.socket = scratch.resolve("tmux-" + System.nanoTime()).toString();
        this.name = command.get(0);
        List<String> argv = new ArrayList<>(List.of(
                "tmux", "-S", socket, "new-session", "-d", "-x", "200", "-y", "50", "-c", dir.toString(), "env", "-i"));
        env.forEach((key, value) -> argv.add(key + "=" + value));
        argv.addAll(command);
        tmux(argv);
    }

    /** Types the text; a TAB and a newline are sent as those keys. */
    void type(String keys) throws Exception {
        for (String part : keys.split("(?<=[\t\n])|(?=[\t\n])")) {
            String key = switch (part) {
                case "\t" -> "Tab";
                case "\n" -> "Enter";
                default -> null;
            };
            tmux(
                    key == null
                            ? List.of("tmux", "-S", socket, "send-keys", "-l", part)
                            : List.of("tmux", "-S", socket, "send-keys", key));
        }
    }

    /** The screen once it shows every text (20 s at most: a TAB or a command starts a JVM). */
    String await(String... texts) throws Exception {
        String screen = "";
        for (int i = 0; i < 200; i++) {
            screen = screen(false);
            String shown = screen;
            if (List.of(texts).stream().allMatch(shown::contains)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never showed " + List.of(texts) + ":\n" + screen);
    }

    /** What the screen shows now, with its colours' escape sequences if asked. */
    String screen(boolean escapes) throws Exception {
        return tmux(escapes
                        ? List.of("tmux", "-S", socket, "capture-pane", "-p", "-e")
                        : List.of("tmux", "-S", socket, "capture-pane", "-p"))
                .out();
    }

    private KraftCli.Result tmux(List<String> argv) throws Exception {
        KraftCli.Result result = KraftCli.Result.of(
                argv, scratch, Map.of("PATH", System.getenv("PATH"), "HOME", scratch.toString()), scratch, 60);
        assertEquals(0, result.exit(), result::toString);
        return result;
    }

    @Override
    public void close() throws Exception {
        tmux(List.of("tmux", "-S", socket, "kill-server"));
    }
}
