package dev.kraft.unikraft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetFilterTest {
    private final Target qemu = new Target("app", Plat.QEMU, Arch.X86_64, KConfig.empty());
    private final Target fc = new Target("app", Plat.FC, Arch.X86_64, KConfig.empty());
    private final Target arm = new Target("other", Plat.QEMU, Arch.ARM64, KConfig.empty());
    private final List<Target> all = List.of(qemu, fc, arm);

    @Test
    void matchesByNamePlatArchAndAliases() {
        assertEquals(List.of(qemu, fc), filter("app", null, null).apply(all));
        assertEquals(List.of(fc), filter("firecracker/amd64", null, null).apply(all));
        assertEquals(List.of(qemu, arm), filter(null, "kvm", null).apply(all));
        assertEquals(List.of(arm), filter(null, null, "aarch64").apply(all));
        assertEquals(List.of(), filter(null, "xen", null).apply(all));
    }

    private static TargetFilter filter(String target, String plat, String arch) {
        return new TargetFilter(
                Optional.ofNullable(target),
                Optional.ofNullable(plat).flatMap(Plat::parse),
                Optional.ofNullable(arch).flatMap(Arch::parse));
    }
}
