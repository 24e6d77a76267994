package dev.kraft.rootfs;

import dev.kraft.pkg.oci.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built root filesystem: the newc CPIO, how it was built, and what the image it came from
 * says about its program (nothing for a directory or a CPIO file). The run journey reads
 * {@link #args()} and {@link #envMap()} as KraftKit does: the image's entrypoint then cmd
 * become the application's arguments when nothing else names them, its env joins the machine's.
 *
 * @param builtBy    {@code directory}, {@code CPIO file}, {@code Dockerfile} or {@code OCI image}, KraftKit's names
 * @param env        the image's {@code ENV}, {@code NAME=value} entries in order
 * @param workingDir the image's {@code WORKDIR}, if it set one
 */
public record Rootfs(
        Path cpio,
        String builtBy,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        Optional<String> workingDir) {
    public Rootfs {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
    }

    /** A root filesystem that says nothing of its program. */
    public static Rootfs plain(Path cpio, String builtBy) {
        return new Rootfs(cpio, builtBy, List.of(), List.of(), List.of(), Optional.empty());
    }

    /** The entrypoint followed by the cmd, as KraftKit hands them to the machine. */
    public List<String> args() {
        List<String> args = new ArrayList<>(entrypoint);
        args.addAll(cmd);
        return List.copyOf(args);
    }

    /** {@link #env} as a map; an entry without {@code =} has an empty value, a later entry wins. */
    public Map<String, String> envMap() {
        return ImageConfig.envMap(env);
    }
}
