package dev.kraft.builder;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** What a build left for running and packaging: each target's kernel, and the configuration it was built with. */
public final class BuiltKernels {
    private BuiltKernels() {}

    /**
     * Puts the kernel make wrote in the target's own outdir, and its {@code .dbg}, where KraftKit
     * puts kernels (the build dir), as hard links made beside them and renamed over them, so
     * that whoever reads the kernel there never sees half of one; removes them there when make
     * left none (after {@code make clean}). Nothing to do when make builds in the build dir itself.
     */
    public static void publish(TargetPlan plan) {
        if (plan.madeKernel().equals(plan.kernel())) {
            return;
        }
        for (String suffix : List.of("", ".dbg")) {
            Path made = plan.madeKernel().resolveSibling(plan.madeKernel().getFileName() + suffix);
            Path published = plan.kernel().resolveSibling(plan.kernel().getFileName() + suffix);
            try {
                if (!Files.isRegularFile(made)) {
                    Files.deleteIfExists(published);
                } else if (!Files.exists(published) || !Files.isSameFile(made, published)) {
                    Path temp = published.resolveSibling("." + published.getFileName() + ".kraft");
                    Files.deleteIfExists(temp);
                    try {
                        Files.createLink(temp, made);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(made, temp, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    AtomicFiles.moveAtomically(temp, published);
                }
            } catch (IOException e) {
                throw new KraftException(
                        ExitCode.FAILURE, "cannot put " + made + " at " + published + ": " + e.getMessage(), e);
            }
        }
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
            return Files.isRegularFile(configFile)
                    ? Defconfig.read(Files.readString(configFile, StandardCharsets.UTF_8))
                    : KConfig.empty();
        } catch (IOException e) {
            return KConfig.empty();
        }
    }
}
