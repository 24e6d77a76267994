package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The guest's command line in KraftKit's order, with -- after kernel parameters only, as Unikraft 0.17 parses it. */
class KernelCommandLineTest {
    @Test
    void dashesFollowKernelParametersEvenWithoutArguments() {
        assertEquals("vfs.fstab=[ \"initrd0:/:extract:::\" ] env.vars=[ \"A=1\" \"B=two words\" ] --",
                KernelCommandLine.of(spec(Optional.of(Path.of("/i")), List.of(), List.of(), Map.of("A", "1", "B", "two words"))));
        assertEquals("loglevel=3 -- one \"two words\"",
                KernelCommandLine.of(spec(Optional.empty(), List.of("loglevel=3"), List.of("one", "two words"), Map.of())));
    }

    @Test
    void bareArgumentsGetNoDashesWhichUnikraftWouldHandTheApplication() {
        assertEquals("one two", KernelCommandLine.of(spec(Optional.empty(), List.of(), List.of("one", "two"), Map.of())));
        assertEquals("", KernelCommandLine.of(spec(Optional.empty(), List.of(), List.of(), Map.of())));
    }

    private static MachineSpec spec(Optional<Path> initrd, List<String> kernelArgs, List<String> appArgs, Map<String, String> env) {
        return new MachineSpec("m", "kernel://k", Path.of("/k"), initrd, Arch.X86_64, Plat.QEMU, 64L << 20, 1, kernelArgs, appArgs,
                new TreeMap<>(env), List.of(), List.of(), List.of(), true);
    }
}
