package dev.kraft.builder;

import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Target;
import java.nio.file.Path;

/**
 * Everything needed to build one target, decided before anything runs: the merged Kconfig,
 * where make builds it ({@code outdir}) and where its kernel lands, and the two make calls
 * (configure, build; the build prepares and fetches first, as Unikraft's {@code all} does).
 */
public record TargetPlan(
        Target target,
        KConfig kconfig,
        Path configFile,
        Path defconfigFile,
        Path outdir,
        Path kernel,
        MakeInvocation configure,
        MakeInvocation build) {

    /** The same plan with another build call (the same goal, other variables). */
    public TargetPlan withBuild(MakeInvocation otherBuild) {
        return new TargetPlan(target, kconfig, configFile, defconfigFile, outdir, kernel, configure, otherBuild);
    }

    /** The kernel make writes into the outdir; the same file as {@link #kernel} when the outdir is the build dir. */
    public Path madeKernel() {
        return outdir.resolve(kernel.getFileName());
    }
}
