package dev.kraft.builder;

import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.MoreFiles;
import dev.kraft.unikraft.Target;
import java.nio.file.Path;

/**
 * Where a project's files go, as KraftKit lays them out: components under {@code .unikraft/}
 * (local sources stay where they are), the build under the outdir, one
 * {@code .config.<kernel>} per target beside the Kraftfile.
 */
public record Workdir(Project project) {
    /** The directory of the build dir that holds each target's own outdir, in a project of several. */
    static final String TARGETS = "targets";

    public Path root() {
        return project.workdir();
    }

    public Path unikraftDir() {
        return root().resolve(".unikraft");
    }

    public Path buildDir() {
        return project.outdir();
    }

    /**
     * Where make builds a target ({@code O=}): the build dir itself when the project has one
     * target, as KraftKit lays it out, else a directory of the target's own under it, so that
     * building one target never makes make recompile another's objects (Unikraft keeps one
     * {@code config.h} per build dir). The kernels still land in the build dir ({@link #kernel}).
     */
    public Path outdir(Target target) {
        return project.targets().size() > 1 ? buildDir().resolve(TARGETS).resolve(target.kernelName()) : buildDir();
    }

    /** kraft's own files inside the build dir: defconfigs, fingerprints. */
    public Path stateDir() {
        return buildDir().resolve(".kraft");
    }

    /** A component's tree: its local directory, or its place under {@code .unikraft/}. */
    public Path dirOf(ComponentSpec component) {
        return component.directory().orElseGet(() -> switch (component.type()) {
            case CORE -> unikraftDir().resolve("unikraft");
            case LIB -> MoreFiles.child(unikraftDir().resolve("libs"), component.name());
            case APP -> MoreFiles.child(unikraftDir().resolve("apps"), component.name());
        });
    }

    /** The app dir make builds ({@code A=}): a template's tree, else the project itself. */
    public Path appDir() {
        return project.template().map(this::dirOf).orElse(root());
    }

    public Path configFile(Target target) {
        return root().resolve(".config." + target.kernelName());
    }

    public Path defconfigFile(Target target) {
        return stateDir().resolve(target.kernelName() + ".defconfig");
    }

    /** Where the target's kernel is, as KraftKit puts it ({@code .dbg} beside it). */
    public Path kernel(Target target) {
        return buildDir().resolve(target.kernelName());
    }
}
