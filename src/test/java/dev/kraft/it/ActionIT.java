package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub action (action.yml) is tried, not only written: its own steps, read from the file,
 * run here as the runner runs a composite action's bash steps, with {@code GITHUB_ACTION_PATH}
 * a scratch copy of this repository and the workspace a copy of examples/hello-local. They
 * install the dependencies (install.sh --deps-only: apt-get, a no-op where they are installed),
 * build kraft there with Maven, and build the project's target; the kernel is where the
 * {@code kernel-dir} output says.
 */
class ActionIT {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Set<String> NOT_COPIED = Set.of(".git", "target", ".unikraft");

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theActionsOwnStepsBuildAProjectOnThisMachine() throws Exception {
        Path actionPath = tmp.resolve("action");
        copyRepository(Path.of("").toAbsolutePath(), actionPath);
        Path workspace = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("workspace")));
        Path output = Files.createFile(tmp.resolve("github-output"));

        Map<String, Object> action = new Yaml().load(Files.readString(actionPath.resolve("action.yml")));
        Map<String, String> inputs = new HashMap<>();
        ((Map<String, Map<String, Object>>) action.get("inputs"))
                .forEach((name, input) -> inputs.put(name, String.valueOf(input.getOrDefault("default", ""))));
        inputs.put("target", "qemu/x86_64");

        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertEquals("composite", runs.get("using"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
        assertEquals(3, steps.size(), "the steps this test knows: " + steps);
        for (Map<String, Object> step : steps) {
            assertEquals("bash", step.get("shell"), step::toString);
            Path script = Files.writeString(tmp.resolve("step.sh"), expand((String) step.get("run"), inputs));
            Map<String, String> env = new HashMap<>(Map.of(
                    "PATH", System.getenv("PATH"),
                    // Maven's repository is the user's; kraft's directories are the test's.
                    "HOME", System.getProperty("user.home"),
                    "XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                    "XDG_DATA_HOME", tmp.resolve("data").toString(),
                    "XDG_CACHE_HOME", tmp.resolve("cache").toString(),
                    "GITHUB_ACTION_PATH", actionPath.toString(),
                    "GITHUB_WORKSPACE", workspace.toString(),
                    "GITHUB_OUTPUT", output.toString(),
                    "KRAFTKIT_DISABLE_ACCELERATION", "1"));
            ((Map<String, Object>) step.getOrDefault("env", Map.of()))
                    .forEach((name, value) -> env.put(name, expand(String.valueOf(value), inputs)));
            Path dir = workspace.resolve(expand((String) step.getOrDefault("working-directory", "."), inputs));
            KraftCli.Result result = KraftCli.Result.of(
                    List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()),
                    dir,
                    env,
                    tmp,
                    1200);
            assertEquals(0, result.exit(), step.get("name") + ": " + result);
        }

        Path kernelDir = workspace.resolve(".unikraft/build");
        assertEquals("kernel-dir=" + kernelDir + "\n", Files.readString(output));
        assertTrue(Files.isRegularFile(kernelDir.resolve("hello_qemu-x86_64")), "the target is built");
    }

    /** The action's {@code ${{ inputs.NAME }}}; any other expression is one this test does not know yet. */
    private static String expand(String text, Map<String, String> inputs) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            assertTrue(expression.startsWith("inputs."), "an expression this test cannot expand: " + expression);
            String value = inputs.get(expression.substring("inputs.".length()));
            assertTrue(value != null, "no such input: " + expression);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The repository as a workflow's checkout has it: no build output, no git directory. */
    private static void copyRepository(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
