package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.DocExamples;
import dev.kraft.testing.DocExamples.Example;
import dev.kraft.testing.FileServer;
import dev.kraft.testing.Tarballs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kraft command README.md and docs/ show ({@link DocExamples}) runs here through bin/kraft
 * and exits 0, page by page in the page's order, as a reader following it would type them: in a
 * copy of examples/ (hello-local built), with local servers in place of the internet: a package
 * index on loopback serving the test core as {@code unikraft} and its library as {@code musl} and
 * {@code lwip}, and a docker-registry standing for {@code localhost:5000}, {@code ghcr.io} and
 * {@code registry.example.org}. What needs the real Unikraft (examples/helloworld) is planned with
 * {@code --dry-run}, the index resolving its {@code stable}. An example this cannot run names the test that runs it in
 * {@link #ELSEWHERE}; a new example is run without anyone listing it.
 */
class DocsExamplesIT {
    /**
     * Examples another test runs, because they need what this world has not: a network namespace
     * (NetworkIT), an installed kraft (install.bats), a terminal (kraft menu: DocsTest parses it,
     * BuildIT checks the refusal without a terminal; Unikraft's own menuconfig is not driven).
     */
    private static final Map<String, String> ELSEWHERE = Map.of(
            "sudo kraft net create kraft0", "NetworkIT",
            "sudo kraft run -d --network kraft0 --name web", "NetworkIT",
            "sudo kraft run -d --network kraft0:172.20.0.10 --name db", "NetworkIT",
            "sudo kraft net inspect kraft0", "NetworkIT",
            "~/.local/bin/kraft version", "src/test/shell/install.bats",
            "kraft menu", "BuildIT",
            "kraft menu -t qemu/x86_64 --frontend nconfig", "BuildIT");

    /** What a page takes as done before its examples: a runtime in the registry, a target named debug. */
    private static final Map<String, Given> GIVEN = Map.of(
            "docs/commands/run.md",
            (kraft, project, replace) -> {
                KraftCli.Result pushed =
                        kraft.run(project, "pkg", "--name", replace.apply("127.0.0.1:5000/base:1"), "--push");
                assertEquals(0, pushed.exit(), pushed::toString);
            },
            "docs/commands/set.md",
            (kraft, project, replace) -> Files.writeString(
                    project.resolve("Kraftfile"),
                    Files.readString(project.resolve("Kraftfile"))
                            + "  - name: debug\n    plat: qemu\n    arch: x86_64\n"));

    /** The real Unikraft is not on this machine: what needs it only plans (--dry-run) on the test core the index serves. */
    private static final String PLANS_ONLY = "examples/helloworld";

    private interface Given {
        void prepare(KraftCli kraft, Path project, UnaryOperator<String> replace) throws Exception;
    }

    @TempDir
    Path tmp;

    @Test
    void everyExampleRunsAsThePageSays() throws Exception {
        List<Example> examples = DocExamples.all(Path.of("").toAbsolutePath());
        Set<String> unused = new TreeSet<>(ELSEWHERE.keySet());
        examples.forEach(example -> unused.remove(example.text()));
        assertEquals(Set.of(), unused, "ELSEWHERE names examples the docs no longer have");
        for (String test : new TreeSet<>(ELSEWHERE.values())) {
            assertTrue(
                    Files.isRegularFile(
                            Path.of(test.contains("/") ? test : "src/test/java/dev/kraft/it/" + test + ".java")),
                    test);
        }

        SystemPackages.installIfMissing(Map.of("docker-registry", "docker-registry"));
        int registryPort = Ports.free();
        Process registry = Registry.start(Files.createDirectories(tmp.resolve("registry")), registryPort, "");
        try (FileServer index = index()) {
            Path built = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("built")));
            KraftCli.Result build = new KraftCli(Files.createDirectories(tmp.resolve("builder"))).run(built, "build");
            assertEquals(0, build.exit(), build::toString);

            Map<Path, List<Example>> pages = new LinkedHashMap<>();
            examples.stream()
                    .filter(example -> !ELSEWHERE.containsKey(example.text()))
                    .forEach(example -> pages.computeIfAbsent(example.page(), p -> new ArrayList<>())
                            .add(example));
            List<String> failed = new ArrayList<>();
            int n = 0;
            for (Map.Entry<Path, List<Example>> page : pages.entrySet()) {
                Path world = Files.createDirectories(tmp.resolve("page-" + n++));
                KraftCli kraft = reader(world, index, built);
                Map<String, String> replaced = replacements(registryPort, kraft.home());
                Given given = GIVEN.get(page.getKey().toString());
                if (given != null) {
                    given.prepare(kraft, world.resolve("examples/hello-local"), arg -> replace(arg, replaced));
                }
                for (Example example : page.getValue()) {
                    Path dir = world.resolve(
                            example.cd().orElse(example.launcher().equals("bin/kraft") ? "." : "examples/hello-local"));
                    List<String> args = new ArrayList<>(example.args().stream()
                            .map(arg -> replace(arg, replaced))
                            .toList());
                    if (example.cd().equals(Optional.of(PLANS_ONLY))) {
                        args.add("--dry-run");
                    }
                    example.env().forEach(kraft::with);
                    KraftCli.Result result = example.stdin().isPresent()
                            ? kraft.runWithInput(
                                    dir, dir.resolve(example.stdin().get()), args.toArray(String[]::new))
                            : kraft.run(dir, args.toArray(String[]::new));
                    example.env().keySet().forEach(name -> kraft.with(name, ""));
                    if (result.exit() != 0) {
                        failed.add(example + " (as " + args + ")\n" + result);
                    }
                }
                kraft.run(world, "rm", "-f", "--all");
            }
            assertEquals(List.of(), failed);
        } finally {
            Registry.stop(registry);
        }
    }

    /** A reader's world: examples/ with hello-local built, a home whose config names the local index, the files pages use. */
    private KraftCli reader(Path world, FileServer index, Path built) throws Exception {
        Projects.copy(Path.of("examples").toAbsolutePath(), world.resolve("examples"));
        Path hello = world.resolve("examples/hello-local");
        KraftCli.Result copied = KraftCli.Result.of(
                List.of("sh", "-c", "cp -a .unikraft .config.* \"$0\"", hello.toString()),
                built,
                Map.of("PATH", System.getenv("PATH")),
                world,
                60);
        assertEquals(0, copied.exit(), copied::toString);
        Files.writeString(hello.resolve("token.txt"), "s3cret\n");
        Files.createDirectories(hello.resolve("my-index"));
        Files.writeString(
                hello.resolve("my-index/index.yaml"),
                "manifests:\n- {name: unikraft, type: core, manifest: " + index.url("/unikraft.yaml") + "}\n");
        Path home = Files.createDirectories(world.resolve("home"));
        Files.createDirectories(home.resolve(".config/kraftkit"));
        Files.writeString(
                home.resolve(".config/kraftkit/config.yaml"),
                "unikraft:\n  manifests:\n  - " + index.url("/index.yaml") + "\n");
        Files.createDirectories(home.resolve("Downloads"));
        Files.write(
                home.resolve("Downloads/musl-1.2.3.tar.gz"),
                Tarballs.of(Projects.HELLO_LOCAL.resolve("libs/greet"), "musl-1.2.3"));
        return new KraftCli(home)
                .with("KRAFTKIT_DISABLE_ACCELERATION", "1")
                .with("PATH", Path.of("bin").toAbsolutePath() + ":" + System.getenv("PATH"));
    }

    /** What the pages name that is not on this machine, and what stands for it. */
    private static Map<String, String> replacements(int registryPort, Path home) throws Exception {
        Map<String, String> replaced = new LinkedHashMap<>();
        replaced.put("localhost:5000", "localhost:" + registryPort);
        replaced.put("127.0.0.1:5000", "127.0.0.1:" + registryPort);
        replaced.put("registry.example.org", "127.0.0.1:" + registryPort);
        replaced.put("ghcr.io", "127.0.0.1:" + registryPort);
        replaced.put("8080:80", Ports.free() + ":80");
        replaced.put(":8443:443", ":" + Ports.free() + ":443");
        replaced.put("~/", home + "/");
        return replaced;
    }

    private static String replace(String arg, Map<String, String> replaced) {
        String result = arg;
        for (Map.Entry<String, String> each : replaced.entrySet()) {
            result = result.replace(each.getKey(), each.getValue());
        }
        return result;
    }

    /** The test core as unikraft 0.17.0 and stable, its library as musl and lwip (stable, 0.17.0). */
    private static FileServer index() throws Exception {
        byte[] core = Tarballs.of(Projects.HELLO_LOCAL.resolve("core"), "unikraft");
        byte[] lib = Tarballs.of(Projects.HELLO_LOCAL.resolve("libs/greet"), "lib");
        String coreSum = Tarballs.sha256(core);
        String libSum = Tarballs.sha256(lib);
        return new FileServer()
                .serve(
                        "/index.yaml",
                        text("manifests:\n- {name: unikraft, type: core, manifest: ./unikraft.yaml}\n"
                                + "- {name: musl, type: lib, manifest: ./musl.yaml}\n"
                                + "- {name: lwip, type: lib, manifest: ./lwip.yaml}\n"))
                .serve("/unikraft.yaml", text(manifest("unikraft", "core", "./core.tar.gz", coreSum)))
                .serve("/musl.yaml", text(manifest("musl", "lib", "./lib.tar.gz", libSum)))
                .serve("/lwip.yaml", text(manifest("lwip", "lib", "./lib.tar.gz", libSum)))
                .serve("/core.tar.gz", core)
                .serve("/lib.tar.gz", lib);
    }

    private static String manifest(String name, String type, String resource, String sha256) {
        return "name: " + name + "\ntype: " + type + "\nprovider: tarball\nchannels:\n- name: stable\n  default: true\n"
                + "  resource: " + resource + "\n  sha256: " + sha256 + "\nversions:\n- version: 0.17.0\n"
                + "  resource: " + resource + "\n  sha256: " + sha256 + "\n";
    }

    private static byte[] text(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }
}
