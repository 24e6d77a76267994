package dev.kraft.builder;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a build left for running and packaging: each target's kernel, and the configuration it was built with. */
public final class BuiltKernels {
    private BuiltKernels() {
    }

    public static boolean built(Workdir workdir, Target target) {
        return Files.isRegularFile(workdir.kernel(target));
    }

    public static KConfig config(Workdir workdir, Target target) {
        return config(workdir.configFile(target));
    }

    /** A kernel's {@code .config}; empty when there is none (a kernel file built elsewhere). */
    public static KConfig config(Path configFile) {
        try {
            return Files.isRegularFile(configFile) ? Defconfig.read(Files.readString(configFile, StandardCharsets.UTF_8)) : KConfig.empty();
        } catch (IOException e) {
            return KConfig.empty();
        }
    }
}
