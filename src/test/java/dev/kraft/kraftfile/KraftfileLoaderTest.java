package dev.kraft.kraftfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KraftfileLoaderTest {
    @TempDir
    Path dir;

    private Project load(String kraftfile) throws IOException {
        return load(kraftfile, Map.of());
    }

    private Project load(String kraftfile, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("Kraftfile"), kraftfile);
        return new KraftfileLoader(dir, dir, env, warning -> {}).load(Optional.empty(), Optional.empty());
    }

    private KraftException failure(String kraftfile) {
        return assertThrows(KraftException.class, () -> load(kraftfile));
    }

    @Test
    void readsTheLongForms() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        Project project = load("""
                spec: v0.6
                name: My.App
                unikraft:
                  source: ./core
                  kconfig:
                    CONFIG_A: 'y'
                    CONFIG_B: false
                    CONFIG_N: 12
                libraries:
                  lwip:
                    source: https://github.com/unikraft/lib-lwip.git
                    version: stable
                    kconfig:
                      - CONFIG_LWIP_TCP=y
                targets:
                  - name: one
                    plat: kvm
                    arch: x86_64
                  - platform: firecracker/amd64
                volumes:
                  - source: ./data
                    destination: /data
                    readOnly: true
                  - ./more:/more
                env:
                  HOME: /
                cmd: ["-a", "b"]
                """);
        assertEquals("my_app", project.name());
        assertEquals("My.App", project.displayName());
        assertEquals(
                dir.resolve("core"),
                project.unikraft().orElseThrow().directory().orElseThrow());
        assertEquals(
                Map.of("CONFIG_A", "y", "CONFIG_B", "n", "CONFIG_N", "12"),
                project.unikraft().orElseThrow().kconfig().asMap());
        ComponentSpec lwip = project.libraries().get(0);
        assertEquals(Optional.of("https://github.com/unikraft/lib-lwip.git"), lwip.url());
        assertEquals(Optional.of("stable"), lwip.version());
        assertEquals("y", lwip.kconfig().asMap().get("CONFIG_LWIP_TCP"));
        assertEquals("one", project.targets().get(0).name());
        assertEquals(Plat.QEMU, project.targets().get(0).plat());
        assertEquals(Plat.FC, project.targets().get(1).plat());
        assertEquals(Arch.X86_64, project.targets().get(1).arch());
        assertEquals("my_app", project.targets().get(1).name());
        assertTrue(project.volumes().get(0).readOnly());
        assertEquals("/more", project.volumes().get(1).destination());
        assertEquals(List.of("-a", "b"), project.cmd());
    }

    @Test
    void readsTheShortForms() throws IOException {
        Files.createDirectories(dir.resolve("libs/greet"));
        Project project = load("""
                specification: '0.5'
                unikraft: stable
                libraries:
                  greet: libs/greet
                  musl: https://github.com/unikraft/lib-musl.git?branch=staging
                targets:
                  - qemu/x86_64
                """);
        assertEquals(Optional.of("stable"), project.unikraft().orElseThrow().version());
        assertEquals(
                dir.resolve("libs/greet"),
                project.libraries().get(0).directory().orElseThrow());
        assertEquals(Optional.of("staging"), project.libraries().get(1).version());
        assertEquals(
                Optional.of("https://github.com/unikraft/lib-musl.git"),
                project.libraries().get(1).url());
        assertEquals(
                dir.getFileName().toString().toLowerCase(),
                project.targets().get(0).name());
    }

    @Test
    void readsSshRemotesInBothForms() throws IOException {
        Project project = load("""
                spec: v0.6
                unikraft: ssh://git@example.org:2222/unikraft/unikraft.git?tag=v0.17.0
                libraries:
                  lwip: deploy@git.example.org:unikraft/lib-lwip.git
                """);
        assertEquals(
                Optional.of("ssh://git@example.org:2222/unikraft/unikraft.git"),
                project.unikraft().orElseThrow().url());
        assertEquals(Optional.of("v0.17.0"), project.unikraft().orElseThrow().version());
        assertEquals(
                Optional.of("deploy@git.example.org:unikraft/lib-lwip.git"),
                project.libraries().get(0).url());
    }

    @Test
    void interpolatesTheEnvironment() throws IOException {
        Project project = load("""
                spec: v0.6
                name: ${NAME}
                unikraft:
                  version: ${VERSION:-stable}
                  kconfig:
                    CONFIG_PRICE: "$$5"
                """, Map.of("NAME", "hello"));
        assertEquals("hello", project.name());
        assertEquals(Optional.of("stable"), project.unikraft().orElseThrow().version());
        assertEquals("$5", project.unikraft().orElseThrow().kconfig().asMap().get("CONFIG_PRICE"));
    }

    @Test
    void namesTheLineOfMalformedYaml() {
        KraftException e = failure("spec: v0.6\nname: [a\n");
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("Kraftfile:3:1: invalid YAML"), e.getMessage());
    }

    @Test
    void suggestsTheFieldMeant() {
        KraftException e = failure("spec: v0.6\n\nnmae: x\n");
        assertEquals("Kraftfile:3:1: unknown field \"nmae\" (did you mean \"name\"?)", e.getMessage());
    }

    @Test
    void namesTheWrongType() {
        KraftException e = failure("spec: v0.6\ntargets: 5\n");
        assertEquals(
                "Kraftfile:2:10: \"targets\" must be a list of plat/arch strings or maps, not a number",
                e.getMessage());
    }

    @Test
    void refusesAnUndefinedVariable() {
        KraftException e = failure("spec: v0.6\nname: ${NOPE}\n");
        assertEquals("Kraftfile:2:7: variable \"NOPE\" is not set (set it, or write ${NOPE:-default})", e.getMessage());
    }

    @Test
    void refusesAMissingSourceDirectory() {
        KraftException e = failure("spec: v0.6\nunikraft:\n  source: ./nowhere\n");
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("Kraftfile:3:11: source directory \"./nowhere\" does not exist"),
                e.getMessage());
    }

    @Test
    void refusesAnUnknownPlatform() {
        KraftException e = failure("spec: v0.6\ntargets:\n  - qemo/x86_64\n");
        assertTrue(
                e.getMessage().startsWith("Kraftfile:3:5: unknown platform \"qemo\" (did you mean \"qemu\"?)"),
                e.getMessage());
    }

    @Test
    void refusesAnUnsupportedSpec() {
        assertEquals(
                "Kraftfile:1:7: unsupported spec \"v9\" (supported: v0.5, v0.6)",
                failure("spec: v9\n").getMessage());
        assertEquals(
                "Kraftfile:1:1: missing \"spec\" (write spec: v0.6 at the top)",
                failure("name: x\n").getMessage());
    }

    @Test
    void refusesAKconfigListItemWithoutValue() {
        KraftException e = failure("spec: v0.6\nunikraft:\n  version: stable\n  kconfig:\n    - CONFIG_X\n");
        assertEquals("Kraftfile:5:7: kconfig item \"CONFIG_X\" needs a value (CONFIG_X=value)", e.getMessage());
    }

    @Test
    void findsTheKraftfileInAParentDirectory() throws IOException {
        Files.writeString(dir.resolve("kraft.yaml"), "spec: v0.6\nname: up\n");
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Project project =
                new KraftfileLoader(sub, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        assertEquals("up", project.name());
        assertEquals(dir, project.workdir());
    }

    @Test
    void refusesTwoKraftfilesInOneDirectory() throws IOException {
        Files.writeString(dir.resolve("kraft.yaml"), "spec: v0.6\n");
        Files.writeString(dir.resolve("Kraftfile"), "spec: v0.6\n");
        KraftException e = assertThrows(
                KraftException.class,
                () -> new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(
                e.getMessage()
                        .contains(
                                "found several Kraftfiles in .: kraft.yaml, Kraftfile; KraftKit takes none of them either"),
                e.getMessage());
        assertTrue(e.getMessage().contains("choose one with -K, e.g. -K Kraftfile"), e.getMessage());
        assertEquals(
                dir.resolve("Kraftfile"),
                new KraftfileLoader(dir, dir, Map.of(), warning -> {})
                        .load(Optional.empty(), Optional.of("Kraftfile"))
                        .kraftfile());
    }

    @Test
    void saysWhenThereIsNoKraftfile() {
        Path empty = dir.resolve("empty");
        KraftException e = assertThrows(KraftException.class, () -> {
            Files.createDirectories(empty);
            new KraftfileLoader(empty, dir, Map.of(), warning -> {})
                    .load(Optional.empty(), Optional.of("missing.yaml"));
        });
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals("-K missing.yaml: no such file", e.getMessage());
    }

    @Test
    void aKconfigKeyRepeatedWithItsValueIsAWarningAndWithAnotherAnError() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        List<String> warnings = new ArrayList<>();
        Files.writeString(dir.resolve("Kraftfile"), """
                spec: v0.6
                unikraft:
                  source: ./core
                  kconfig:
                    CONFIG_LIBUK9P: 'y'
                    CONFIG_A: 1
                    CONFIG_LIBUK9P: y
                targets:
                  - qemu/x86_64
                """);
        Project project =
                new KraftfileLoader(dir, dir, Map.of(), warnings::add).load(Optional.empty(), Optional.empty());
        assertEquals("y", project.unikraft().orElseThrow().kconfig().asMap().get("CONFIG_LIBUK9P"));
        assertEquals(
                List.of("Kraftfile:7:5: CONFIG_LIBUK9P is set again to the same value (first at 5:5); remove one"),
                warnings);
        KraftException different = failure("""
                spec: v0.6
                targets:
                  - name: t
                    plat: qemu
                    arch: x86_64
                    kconfig:
                      - CONFIG_X=y
                      - CONFIG_X=n
                """);
        assertEquals(
                "Kraftfile:8:9: CONFIG_X is set to \"n\" here and to \"y\" at 7:9; keep one", different.getMessage());
    }

    @Test
    void aliasesAndMergeKeysStandForWhatTheyName() throws IOException {
        Files.createDirectories(dir.resolve("core"));
        Project project = load("""
                spec: v0.6
                x-common: &common
                  CONFIG_A: 'y'
                  CONFIG_B: 'y'
                x-args: &args ["/app", "--port", "80"]
                unikraft:
                  source: ./core
                  kconfig:
                    <<: *common
                    CONFIG_B: 'n'
                cmd: *args
                targets:
                  - qemu/x86_64
                """);
        assertEquals(
                Map.of("CONFIG_A", "y", "CONFIG_B", "n"),
                project.unikraft().orElseThrow().kconfig().asMap());
        assertEquals(List.of("/app", "--port", "80"), project.cmd());
    }

    @Test
    void aRuntimeIsANameAMapOrAFullReferenceAndMakesARuntimeProject() throws IOException {
        Project short_ = load("spec: v0.6\nruntime: base:latest\nrootfs: ./Dockerfile\ncmd: [\"/usr/bin/app\"]\n");
        assertEquals("base:latest", short_.runtime().orElseThrow().reference());
        assertEquals(2, short_.runtime().orElseThrow().at().line());
        assertTrue(short_.usesRuntime());
        assertEquals(
                "unikraft.org/nginx:1.25",
                load("spec: v0.6\nruntime:\n  source: unikraft.org/nginx\n  version: '1.25'\n  kconfig:\n"
                                + "    CONFIG_X: 'y'\n")
                        .runtime()
                        .orElseThrow()
                        .reference());
        assertEquals(
                "localhost:5000/base@sha256:" + "a".repeat(64),
                load("spec: v0.6\nruntime: localhost:5000/base@sha256:" + "a".repeat(64) + "\n")
                        .runtime()
                        .orElseThrow()
                        .reference());
        Files.createDirectories(dir.resolve("core"));
        Project fromSource =
                load("spec: v0.6\nruntime: base:latest\nunikraft:\n  source: ./core\ntargets: [qemu/x86_64]\n");
        assertTrue(
                fromSource.runtime().isPresent() && !fromSource.usesRuntime(),
                "unikraft: wins, as KraftKit builds it first");
    }

    @Test
    void aRuntimeWithoutASourceIsNamedWhereItIsWritten() {
        assertEquals(
                "Kraftfile:3:3: \"runtime\" needs a source, the image of a prebuilt kernel (e.g. source: unikraft.org/base)",
                failure("spec: v0.6\nruntime:\n  version: latest\n").getMessage());
        assertEquals(
                "Kraftfile:2:10: \"runtime\" is empty; name the image of a prebuilt kernel, e.g. runtime: base:latest",
                failure("spec: v0.6\nruntime: ''\n").getMessage());
    }
}
