package dev.kraft.cli;

import dev.kraft.build.Workdir;
import dev.kraft.build.kconfig.Defconfig;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import dev.kraft.unikraft.TargetFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code kraft run} boots: a built project target (its kernel in the build dir, its
 * Kraftfile's {@code cmd}, {@code env} and {@code rootfs}, its {@code .config}), a kernel file
 * named directly, or an OCI image ({@link ImageSource}).
 */
record RunSource(String label, Path kernel, Arch arch, Plat plat, List<String> cmd, Map<String, String> env, Optional<Path> rootfs,
                 KConfig kconfig, boolean fromImage) {

    static RunSource resolve(Optional<String> what, RunOptions options, Services services) {
        if (what.isPresent()) {
            Path path = services.env().resolve(what.get());
            if (Files.isRegularFile(path)) {
                return kernelFile(path, options);
            }
            if (!Files.isDirectory(path) && Images.isImage(what.get())) {
                return ImageSource.resolve(what.get(), options, services);
            }
            if (!Files.isDirectory(path)) {
                throw new KraftException(ExitCode.NOT_FOUND, what.get() + ": no such kernel file, project directory or image reference");
            }
        }
        return project(what, options, services);
    }

    private static RunSource kernelFile(Path kernel, RunOptions options) {
        Arch arch = Optional.ofNullable(options.arch).map(a -> Arch.parse(a).orElseThrow(() ->
                new KraftException(ExitCode.USAGE, "--arch " + a + ": expected x86_64, arm64 or arm"))).orElseGet(() -> elfArch(kernel));
        Plat plat = Optional.ofNullable(options.plat).map(p -> Plat.parse(p).orElseThrow(() ->
                new KraftException(ExitCode.USAGE, "--plat " + p + ": expected qemu, fc or xen"))).orElse(Plat.QEMU);
        KConfig kconfig = readConfig(kernel.resolveSibling(".config." + kernel.getFileName()));
        return new RunSource("kernel://" + kernel.getFileName(), kernel, arch, plat, List.of(), Map.of(), Optional.empty(), kconfig, false);
    }

    private static RunSource project(Optional<String> dir, RunOptions options, Services services) {
        Project project = services.kraftfiles().load(dir, Optional.ofNullable(options.kraftfile));
        Workdir workdir = new Workdir(project);
        TargetFilter filter = new TargetFilter(Optional.ofNullable(options.target), Optional.ofNullable(options.plat),
                Optional.ofNullable(options.arch));
        List<Target> matching = TargetSelection.matching(project, filter);
        List<Target> built = matching.stream().filter(t -> Files.isRegularFile(workdir.kernel(t))).toList();
        if (built.isEmpty()) {
            Target first = matching.get(0);
            throw new KraftException(ExitCode.STATE, "no kernel for target " + first.kernelName() + " at "
                    + workdir.root().relativize(workdir.kernel(first)) + "; run `kraft build` first");
        }
        if (built.size() > 1) {
            throw new KraftException(ExitCode.USAGE, built.size() + " built targets match; choose one with -t (e.g. -t "
                    + built.get(0).platArch() + ")");
        }
        Target target = built.get(0);
        return new RunSource("project://" + project.name() + ":" + target.platArch(), workdir.kernel(target), target.arch(),
                target.plat(), project.cmd(), project.env(), project.rootfs().map(r -> workdir.root().resolve(r).normalize()),
                readConfig(workdir.configFile(target)), false);
    }

    /** An image's kernel and initrd go into the machine's directory, so removing the image leaves the machine bootable. */
    RunSource placedIn(Path machineDir) {
        return !fromImage ? this : new RunSource(label, ImageSource.own(kernel, machineDir, "kernel"), arch, plat, cmd, env,
                rootfs.map(r -> ImageSource.own(r, machineDir, "initrd")), kconfig, true);
    }

    /** The architecture from the ELF header; Unikraft's x86_64 multiboot images are ELF32 (i386). */
    private static Arch elfArch(Path kernel) {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(kernel)) {
            if (in.read(header) == header.length && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F') {
                int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
                switch (machine) {
                    case 3, 62: return Arch.X86_64;
                    case 183: return Arch.ARM64;
                    case 40: return Arch.ARM;
                    default: break;
                }
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.NOT_FOUND, "cannot read kernel " + kernel + ": " + e.getMessage());
        }
        throw new KraftException(ExitCode.USAGE, kernel + " is not an ELF kernel kraft knows; name its architecture with --arch");
    }

    private static KConfig readConfig(Path config) {
        try {
            return Files.isRegularFile(config) ? Defconfig.read(Files.readString(config, StandardCharsets.UTF_8)) : KConfig.empty();
        } catch (IOException e) {
            return KConfig.empty();
        }
    }
}
