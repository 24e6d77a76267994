package dev.kraft.cli;

import dev.kraft.rootfs.DockerfileOptions;
import dev.kraft.rootfs.InitrdEmbedding;
import dev.kraft.rootfs.Rootfs;
import dev.kraft.rootfs.RootfsBuilder;
import dev.kraft.support.Env;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The root filesystem {@code kraft run} builds, as KraftKit's run does: {@code --rootfs}, else
 * the project's (which {@link BootSources} leaves out when the kernel it built embeds it), built
 * by {@link RootfsBuilder} into the build dir ({@code initramfs-<arch>.cpio}).
 */
final class RunRootfs {
    private final Env env;
    private final Supplier<RootfsBuilder> builder;

    RunRootfs(Env env, Supplier<RootfsBuilder> builder) {
        this.env = env;
        this.builder = builder;
    }

    Optional<Rootfs> build(BootSource source, Optional<String> flag) {
        BootSource.RootfsPlace place = source.rootfsPlace();
        Optional<String> wanted = flag.map(f -> fromCommandLine(f, env)).or(place::source);
        return wanted.map(rootfs -> builder.get()
                .build(new RootfsBuilder.Request(
                        rootfs,
                        place.workdir(),
                        source.arch(),
                        InitrdEmbedding.defaultCpio(place.buildDir(), source.arch()),
                        DockerfileOptions.none())));
    }

    /** A flag's path is relative to the current directory; anything else (an image reference) stays as typed. */
    static String fromCommandLine(String flag, Env env) {
        return Files.exists(env.resolve(flag)) ? env.resolve(flag).toString() : flag;
    }
}
