package dev.kraft.builder.kconfig;

import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.kraftfile.Project;
import dev.kraft.rootfs.InitrdEmbedding;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Names;
import dev.kraft.unikraft.Target;
import java.util.Map;

/**
 * The Kconfig a target is configured with, merged in KraftKit's order so that the same
 * Kraftfile gives the same kernel under both tools: project name ← core ← each library (its
 * values and {@code CONFIG_LIB<NAME>=y}) ← architecture ← platform ← target ← environment
 * baked into the image ({@code CONFIG_LIBPOSIX_ENVIRON_ENVP<n>}). Later values win. A kernel that
 * embeds its initrd and names no file gets the rootfs kraft builds ({@link InitrdEmbedding}).
 */
public final class KConfigMerge {
    /** Unikraft reads at most this many compiled-in environment variables. */
    static final int MAX_ENV = 16;

    private KConfigMerge() {}

    /** @param env the variables to compile in, already resolved to {@code K=V} values */
    public static KConfig forTarget(Project project, Target target, Map<String, String> env) {
        KConfig merged = KConfig.empty().with("CONFIG_UK_NAME", project.name());
        merged = merged.with(project.unikraft().map(ComponentSpec::kconfig).orElse(KConfig.empty()));
        merged = merged.with(project.template().map(ComponentSpec::kconfig).orElse(KConfig.empty()));
        for (ComponentSpec library : project.libraries()) {
            merged = merged.with(library.kconfig()).with(Names.libraryKconfigSymbol(library.name()), "y");
        }
        merged = merged.with(target.arch().kconfigSymbol(), "y");
        merged = merged.with(KConfig.of(target.plat().kconfig()));
        merged = merged.with(target.kconfig());
        merged = merged.with(environment(merged, env));
        return InitrdEmbedding.withPath(merged, project.outdir(), target.arch());
    }

    /** Fills ENVP slots 1…15 that the Kconfig so far leaves free, in order, as KraftKit does. */
    private static KConfig environment(KConfig sofar, Map<String, String> env) {
        KConfig result = KConfig.empty();
        int slot = 1;
        for (Map.Entry<String, String> variable : env.entrySet()) {
            while (slot < MAX_ENV && sofar.asMap().containsKey("CONFIG_LIBPOSIX_ENVIRON_ENVP" + slot)) {
                slot++;
            }
            if (slot >= MAX_ENV) {
                throw new KraftException(
                        ExitCode.USAGE,
                        "at most " + (MAX_ENV - 1) + " environment variables can be compiled into a kernel");
            }
            result =
                    result.with("CONFIG_LIBPOSIX_ENVIRON_ENVP" + slot++, variable.getKey() + "=" + variable.getValue());
        }
        return result;
    }
}
