package dev.kraft.builder;

import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Target;
import java.nio.file.Path;

/**
 * Everything needed to build one target, decided before anything runs: the merged Kconfig and
 * the four make calls (bootstrap the build dir, configure, prepare, build).
 */
public record TargetPlan(
        Target target,
        KConfig kconfig,
        Path configFile,
        Path defconfigFile,
        Path kernel,
        MakeInvocation bootstrap,
        MakeInvocation configure,
        MakeInvocation prepare,
        MakeInvocation build) {
}
