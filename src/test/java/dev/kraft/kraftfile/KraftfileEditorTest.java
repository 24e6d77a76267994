package dev.kraft.kraftfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden before/after texts: only the lines concerned change; comments and blank lines stay. */
class KraftfileEditorTest {
    @TempDir
    Path dir;

    private final KraftfileEditor editor() {
        return new KraftfileEditor(dir, dir, Map.of());
    }

    /** Writes {@code before}, edits the project it loads to, and returns the file's new text. */
    private String edit(String before, Consumer<Project> change) throws IOException {
        Files.writeString(dir.resolve("Kraftfile"), before);
        change.accept(new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty()));
        return Files.readString(dir.resolve("Kraftfile"));
    }

    private KraftException failure(String before, Consumer<Project> change) {
        KraftException e = assertThrows(KraftException.class, () -> edit(before, change));
        try {
            assertEquals(before, Files.readString(dir.resolve("Kraftfile")), "a refused edit leaves the file alone");
        } catch (IOException io) {
            throw new AssertionError(io);
        }
        return e;
    }

    private static Map<String, String> values(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static final String TWO_SPACES = """
            spec: v0.6
            # the core
            unikraft: stable  # move to 0.17 soon

            libraries:
              # networking
              lwip: stable
              musl:
                version: stable  # libc

            # where it runs
            targets:
              - qemu/x86_64
            """;

    @Test
    void addsALibraryAfterTheLastOneWithItsIndentation() throws IOException {
        assertEquals(
                TWO_SPACES.replace("  # libc\n", "  # libc\n  random: '1.0'\n"),
                edit(TWO_SPACES, p -> editor().addLibrary(p, "random", "1.0")));
        assertEquals(
                TWO_SPACES.replace("  # libc\n", "  # libc\n  random: 0.17.0\n"),
                edit(TWO_SPACES, p -> editor().addLibrary(p, "random", "0.17.0")));
    }

    @Test
    void leavesWhatAliasesAndMergeKeysWriteToTheUser() {
        String merged = """
                spec: v0.6
                x-common: &common
                  CONFIG_A: 'y'
                unikraft:
                  version: stable
                  kconfig:
                    CONFIG_B: 'y'
                    <<: *common
                """;
        KraftException e = failure(merged, p -> editor().set(p, Optional.empty(), values("CONFIG_B", "n")));
        assertEquals(
                "Kraftfile:7:5: \"unikraft.kconfig.CONFIG_B\" is written with a merge key (<<) beside it; kraft edits only what is "
                        + "written out in place, so edit it by hand",
                e.getMessage().substring(e.getMessage().indexOf("Kraftfile:7")));
        String aliased = "spec: v0.6\nx-libs: &libs\n  lwip: stable\nlibraries: *libs\n";
        KraftException alias = failure(aliased, p -> editor().removeLibrary(p, "lwip"));
        assertTrue(alias.getMessage().contains("\"libraries\" is written with an alias"), alias.getMessage());
    }

    @Test
    void addsALocalLibraryWithFourSpaces() throws IOException {
        Files.createDirectories(dir.resolve("libs/lib-extra"));
        String before = """
                spec: v0.6
                unikraft:
                    version: stable
                libraries:
                    lwip:
                        version: stable
                targets:
                    - qemu/x86_64
                """;
        assertEquals(
                before.replace("stable\ntargets", "stable\n    extra:\n        source: ./libs/lib-extra\ntargets"),
                edit(before, p -> assertEquals("extra", editor().addLocalLibrary(p, dir.resolve("libs/lib-extra")))));
    }

    @Test
    void createsLibrariesAtTheEnd() throws IOException {
        String before = "spec: v0.6\nunikraft: stable\n# the end\n";
        assertEquals(
                before + "libraries:\n  lwip: stable\n", edit(before, p -> editor().addLibrary(p, "lwip", "stable")));
    }

    @Test
    void refusesADuplicateAFlowMapAndAMissingDirectory() {
        KraftException twice = failure(TWO_SPACES, p -> editor().addLibrary(p, "lwip", "stable"));
        assertEquals(ExitCode.USAGE, twice.exitCode());
        assertTrue(
                twice.getMessage().contains("\"lwip\" is already in the Kraftfile (Kraftfile:7:9)"),
                twice.getMessage());

        KraftException flow = failure(
                "spec: v0.6\nunikraft: stable\nlibraries: {lwip: stable}\n",
                p -> editor().addLibrary(p, "musl", "stable"));
        assertEquals(ExitCode.INVALID_INPUT, flow.exitCode());
        assertTrue(
                flow.getMessage().startsWith("Kraftfile:3:12: \"libraries\" is written in flow style"),
                flow.getMessage());

        KraftException missing = failure(TWO_SPACES, p -> editor().addLocalLibrary(p, dir.resolve("nowhere")));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertTrue(
                missing.getMessage().startsWith("Kraftfile left unchanged: the edited file would not load: Kraftfile:"),
                missing.getMessage());
    }

    @Test
    void removesALibraryAndKeepsTheCommentsOfOthers() throws IOException {
        assertEquals(
                TWO_SPACES.replace("  lwip: stable\n", ""), edit(TWO_SPACES, p -> editor().removeLibrary(p, "lwip")));
        assertEquals(
                TWO_SPACES.replace("  musl:\n    version: stable  # libc\n", ""),
                edit(TWO_SPACES, p -> editor().removeLibrary(p, "musl")));
        String one =
                "spec: v0.6\nunikraft: stable\nlibraries:\n  lwip: stable\n\n# targets\ntargets:\n  - qemu/x86_64\n";
        assertEquals(
                "spec: v0.6\nunikraft: stable\n\n# targets\ntargets:\n  - qemu/x86_64\n",
                edit(one, p -> editor().removeLibrary(p, "lwip")));

        KraftException unknown = failure(TWO_SPACES, p -> editor().removeLibrary(p, "nope"));
        assertEquals(ExitCode.NOT_FOUND, unknown.exitCode());
        assertEquals("library \"nope\" is not in the Kraftfile (libraries: lwip, musl)", unknown.getMessage());
    }

    @Test
    void setTurnsTheShortFormIntoAMap() throws IOException {
        assertEquals(
                TWO_SPACES.replace(
                        "unikraft: stable  # move to 0.17 soon\n",
                        "unikraft:  # move to 0.17 soon\n  version: stable\n  kconfig:\n    CONFIG_A: 'y'\n    CONFIG_B: 'it''s'\n"),
                edit(TWO_SPACES, p -> editor().set(p, Optional.empty(), values("CONFIG_A", "y", "CONFIG_B", "it's"))));
    }

    @Test
    void setRewritesOnlyTheLineOfAnExistingKey() throws IOException {
        String before = """
                spec: v0.6
                unikraft:
                    version: stable
                    kconfig:
                        CONFIG_A: "old"   # keep me
                        # B is next
                        CONFIG_B: 'n'
                """;
        assertEquals(
                before.replace("\"old\"", "'new'").replace("'n'\n", "'n'\n        CONFIG_C: '3'\n"),
                edit(before, p -> editor().set(p, Optional.empty(), values("CONFIG_A", "new", "CONFIG_C", "3"))));
        assertEquals(
                before.replace("        CONFIG_A: \"old\"   # keep me\n", ""),
                edit(before, p -> editor().unset(p, Optional.empty(), List.of("CONFIG_A"))));
    }

    @Test
    void keepsTheListForm() throws IOException {
        String before =
                "spec: v0.6\nunikraft:\n  version: stable\n  kconfig:\n    - CONFIG_A=y  # a\n    - CONFIG_B=n\n";
        assertEquals(
                "spec: v0.6\nunikraft:\n  version: stable\n  kconfig:\n    - CONFIG_A=n  # a\n    - CONFIG_B=n\n    - CONFIG_C=from set\n",
                edit(before, p -> editor().set(p, Optional.empty(), values("CONFIG_A", "n", "CONFIG_C", "from set"))));
        assertEquals(
                "spec: v0.6\nunikraft:\n  version: stable\n  kconfig:\n    - CONFIG_B=n\n",
                edit(before, p -> editor().unset(p, Optional.empty(), List.of("CONFIG_A"))));
        KraftException unknown = failure(before, p -> editor().unset(p, Optional.empty(), List.of("CONFIG_Z")));
        assertEquals(ExitCode.NOT_FOUND, unknown.exitCode());
        assertEquals("CONFIG_Z is not set in unikraft.kconfig of Kraftfile", unknown.getMessage());
    }

    @Test
    void setsATargetsKconfigAndRefusesAStringTarget() throws IOException {
        String before =
                "spec: v0.6\nunikraft: stable\ntargets:\n  - fc/x86_64\n  - name: debug\n    plat: qemu\n    arch: x86_64\n";
        assertEquals(
                before + "    kconfig:\n      CONFIG_X: 'y'\n",
                edit(before, p -> editor().set(p, Optional.of("debug"), values("CONFIG_X", "y"))));
        KraftException string =
                failure(before, p -> editor().set(p, Optional.of("fc/x86_64"), values("CONFIG_X", "y")));
        assertEquals(ExitCode.USAGE, string.exitCode());
        assertTrue(
                string.getMessage().startsWith("Kraftfile:4:5: target fc/x86_64 is written as a plat/arch string"),
                string.getMessage());
        assertEquals(
                ExitCode.USAGE,
                failure(before, p -> editor().set(p, Optional.empty(), values("X", "y")))
                        .exitCode());
    }
}
