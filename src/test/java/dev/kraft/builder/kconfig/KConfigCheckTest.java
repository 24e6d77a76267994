package dev.kraft.builder.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KConfigCheckTest {
    @Test
    void namesEveryValueMakeDidNotKeep() {
        var requested = Defconfig.read(
                "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=\"x\"\nCONFIG_D=y\n# CONFIG_E is not set\n");
        var actual = Defconfig.read("CONFIG_A=y\nCONFIG_B=y\nCONFIG_C=\"z\"\n");
        assertEquals(
                List.of(
                        "CONFIG_B=n became y (another option selects it)",
                        "CONFIG_C=x became z",
                        "CONFIG_D=y was dropped: no Config.uk defines it, or its dependencies are not met"),
                KConfigCheck.lostValues(requested, actual));
    }
}
