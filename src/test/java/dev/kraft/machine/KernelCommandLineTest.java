package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The guest's command line in KraftKit's order, with -- after kernel parameters only, as Unikraft
 * 0.17 parses it; read back with the port of Unikraft's own parser (uk_argnparse).
 */
class KernelCommandLineTest {
    @Test
    void dashesFollowKernelParametersEvenWithoutArguments() {
        assertEquals(
                "vfs.fstab=[ \"initrd0:/:extract:::\" ] env.vars=[ \"A=1\" \"B=two words\" ] --",
                KernelCommandLine.of(spec(
                        Optional.of(Path.of("/i")),
                        List.of(),
                        List.of(),
                        Map.of("A", "1", "B", "two words"),
                        List.of())));
        assertEquals(
                "loglevel=3 -- one \"two words\"",
                KernelCommandLine.of(spec(
                        Optional.empty(), List.of("loglevel=3"), List.of("one", "two words"), Map.of(), List.of())));
    }

    @Test
    void anInitrdTheKernelDoesNotMountGetsNoFstabEntry() {
        MachineSpec unmounted = spec(
                        Optional.of(Path.of("/i")),
                        List.of(),
                        List.of("x"),
                        Map.of(),
                        List.of(new MachineSpec.Volume(Path.of("/d"), "/data", false)))
                .toBuilder()
                .initrdAsRoot(false)
                .build();
        assertEquals("vfs.fstab=[ \"fs0:/data:9pfs:::mkmp\" ] -- x", KernelCommandLine.of(unmounted));
    }

    @Test
    void bareArgumentsGetNoDashesWhichUnikraftWouldHandTheApplication() {
        assertEquals(
                "one two",
                KernelCommandLine.of(spec(Optional.empty(), List.of(), List.of("one", "two"), Map.of(), List.of())));
        assertEquals("", KernelCommandLine.of(spec(Optional.empty(), List.of(), List.of(), Map.of(), List.of())));
    }

    @Test
    void everyArgumentArrivesWholeWhateverItHolds() {
        List<String> args =
                List.of("plain", "two words", "say \"hi\"", "it's", "back\\slash", "tab\there", "\\\"", "a'b\"c\\d");
        String line = KernelCommandLine.of(spec(Optional.empty(), List.of("loglevel=3"), args, Map.of(), List.of()));
        List<String> seen = KernelCommandLine.split(line);
        assertEquals(args, seen.subList(seen.indexOf("--") + 1, seen.size()));
    }

    @Test
    void environmentAndGuestPathsAreQuotedListItems() {
        String line = KernelCommandLine.of(spec(
                Optional.empty(),
                List.of(),
                List.of(),
                Map.of("Q", "a \"quoted\" value"),
                List.of(new MachineSpec.Volume(Path.of("/h"), "/data \"x\"", false))));
        assertEquals(
                "vfs.fstab=[ \"fs0:/data \\\"x\\\":9pfs:::mkmp\" ] env.vars=[ \"Q=a \\\"quoted\\\" value\" ] --", line);
        assertEquals(
                List.of(
                        "vfs.fstab=[",
                        "fs0:/data \"x\":9pfs:::mkmp",
                        "]",
                        "env.vars=[",
                        "Q=a \"quoted\" value",
                        "]",
                        "--"),
                KernelCommandLine.split(line));
        KraftException bracket = assertThrows(
                KraftException.class,
                () -> KernelCommandLine.of(
                        spec(Optional.empty(), List.of(), List.of(), Map.of("A", "[x]"), List.of())));
        assertEquals(
                "environment variable A: \"[x]\" ends in ']', which ends Unikraft's parameter list; it cannot reach the guest",
                bracket.getMessage());
        assertThrows(
                KraftException.class,
                () -> KernelCommandLine.of(spec(
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        List.of(new MachineSpec.Volume(Path.of("/h"), "/a:b", false)))));
    }

    @Test
    void cmdItemsReachTheGuestAsKraftKitPassesThem() {
        assertEquals(
                List.of("/usr/bin/php", "/usr/src/server.php"),
                KernelCommandLine.asKraftKitPassesThem(List.of("/usr/bin/php /usr/src/server.php")),
                "KraftKit writes items as they are; the guest splits them");
        assertEquals(
                List.of("/music.db", ".read", "query.sql"),
                KernelCommandLine.asKraftKitPassesThem(List.of("/music.db", ".read query.sql")));
        assertEquals(
                List.of("echo 'hi there'"),
                KernelCommandLine.asKraftKitPassesThem(List.of("echo 'hi there'")),
                "an item with a single quote is double-quoted by KraftKit");
        assertEquals(List.of("say", "a b"), KernelCommandLine.asKraftKitPassesThem(List.of("say \"a b\"")));
        assertEquals(
                List.of("ab cd"),
                KernelCommandLine.asKraftKitPassesThem(List.of("a\"b", "c\"d")),
                "quotes span items, as in the guest");
    }

    @Test
    void splitsAsUnikraftDoes() {
        assertEquals(
                List.of("a b", "c", "d\\e", "f\"g", "h'i"),
                KernelCommandLine.split("'a b' c \"d\\e\" \"f\\\"g\" h\\'i"));
        assertEquals(List.of("a b", "ab"), KernelCommandLine.split("a\\ b a\"\"b \"\""));
        assertEquals(List.of("x\\y"), KernelCommandLine.split("x\\\\y"));
    }

    private static MachineSpec spec(
            Optional<Path> initrd,
            List<String> kernelArgs,
            List<String> appArgs,
            Map<String, String> env,
            List<MachineSpec.Volume> volumes) {
        return new MachineSpec(
                "m",
                "kernel://k",
                Path.of("/k"),
                initrd,
                true,
                Arch.X86_64,
                Plat.QEMU,
                64L << 20,
                1,
                kernelArgs,
                appArgs,
                new TreeMap<>(env),
                List.of(),
                List.of(),
                volumes,
                true,
                false);
    }
}
