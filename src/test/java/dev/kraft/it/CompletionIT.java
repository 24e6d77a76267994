package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion as a user gets it: each shell started in a terminal (tmux), the script installed
 * the way docs/commands/completion.md says, a partial line typed and TAB pressed; the screen must
 * then show what kraft offers there.
 */
class CompletionIT {
    @TempDir
    static Path tmp;

    private static KraftCli kraft;
    private static Path project;

    /** A project with a target, and a machine that ran and exited. */
    @BeforeAll
    static void projectAndMachine() throws Exception {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        project = Projects.copyHelloLocal(tmp);
        KraftCli.Result build = kraft.run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        KraftCli.Result run = kraft.run(project, "run", "--name", "comp-one");
        assertEquals(0, run.exit(), run::toString);
    }

    @Test
    void bash() throws Exception {
        Path script = kraft.home().resolve(".local/share/bash-completion/completions/kraft");
        write(script, "bash");
        // bash lists the candidates at the second TAB; zsh and fish at the first.
        everyCase(List.of("bash", "--norc", "--noprofile", "-i"), Map.of(), "source " + script, "\t\t");
    }

    @Test
    void zsh() throws Exception {
        Path zdotdir = Files.createDirectories(tmp.resolve("zdotdir"));
        Path functions = Files.createDirectories(zdotdir.resolve("functions"));
        Files.writeString(
                zdotdir.resolve(".zshrc"),
                "fpath=(" + functions + " $fpath)\nautoload -U compinit && compinit -u\n"
                        // A long list shown at once, not after "do you wish to see all …?".
                        + "LISTMAX=0\n");
        write(functions.resolve("_kraft"), "zsh");
        everyCase(List.of("zsh", "-i"), Map.of("ZDOTDIR", zdotdir.toString()), null, "\t");
    }

    /** The other way the docs give for zsh: sourced into a shell that has run compinit. */
    @Test
    void zshSourced() throws Exception {
        Path zdotdir = Files.createDirectories(tmp.resolve("zdotdir-sourced"));
        Files.writeString(zdotdir.resolve(".zshrc"), "autoload -U compinit && compinit -u\n");
        try (Terminal terminal =
                new Terminal(tmp, project, List.of("zsh", "-i"), env(Map.of("ZDOTDIR", zdotdir.toString())))) {
            terminal.type("source <(kraft completion zsh)\n");
            terminal.type("kraft run --plat \t");
            terminal.await("qemu", "fc", "xen");
        }
    }

    @Test
    void fish() throws Exception {
        Path config = Path.of(kraft.env().get("XDG_CONFIG_HOME"), "fish");
        write(config.resolve("completions/kraft.fish"), "fish");
        // Autosuggestions would show file names and history without any TAB.
        Files.writeString(config.resolve("config.fish"), "set -g fish_autosuggestion_enabled 0\n");
        everyCase(List.of("fish", "-i"), Map.of(), null, "\t");
    }

    private static void write(Path file, String shell) throws Exception {
        KraftCli.Result script = kraft.run(tmp, "completion", shell);
        assertEquals(0, script.exit(), script::toString);
        Files.createDirectories(file.getParent());
        Files.writeString(file, script.out());
    }

    /** Each case in a terminal of its own: what is typed, and what must then be on the screen. */
    private static void everyCase(List<String> shell, Map<String, String> extra, String setup, String listTab)
            throws Exception {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("kraft " + listTab, List.of("build", "completion", "ps"));
        cases.put("kraft run --pl" + listTab, List.of("--plat", "--plugins-dir"));
        cases.put("kraft ps -" + listTab, List.of("-q", "--quiet", "-a", "--all"));
        cases.put("kraft run --plat " + listTab, List.of("qemu", "fc", "xen"));
        cases.put("kraft build --arch " + listTab, List.of("x86_64", "arm64"));
        cases.put("kraft ps -o " + listTab, List.of("table", "json", "yaml", "raw"));
        cases.put("kraft --log-type " + listTab, List.of("basic", "fancy", "quiet"));
        cases.put("kraft build -t " + listTab, List.of("hello", "qemu/x86_64"));
        cases.put("kraft logs comp-o\t", List.of("kraft logs comp-one"));
        cases.put("kraft rm comp\t", List.of("kraft rm comp-one"));
        cases.put("kraft run Kraftf\t", List.of("kraft run Kraftfile"));
        cases.put("kraft run --kraftfile=Kraftf\t", List.of("kraft run --kraftfile=Kraftfile"));
        cases.put("kraft run --plat=x\t", List.of("kraft run --plat=xen"));
        for (var each : cases.entrySet()) {
            try (Terminal terminal = new Terminal(tmp, project, shell, env(extra))) {
                if (setup != null) {
                    terminal.type(setup + "\n");
                }
                terminal.type(each.getKey());
                String screen = terminal.await(each.getValue().toArray(String[]::new));
                for (String error : List.of("compopt", "command not found", "_kraft:", "bashcompinit", "Unknown")) {
                    assertFalse(
                            screen.contains(error),
                            shell.get(0) + " after " + each.getKey().strip() + ":\n" + screen);
                }
            }
        }
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(kraft.env());
        env.put("PATH", KraftCli.LAUNCHER.getParent() + ":" + env.get("PATH"));
        env.put("TERM", "xterm-256color");
        env.putAll(extra);
        return env;
    }
}
