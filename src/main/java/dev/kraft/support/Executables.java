package dev.kraft.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds programs as a shell would: a path as given, a bare name on the PATH of the given environment. */
public final class Executables {
    private Executables() {}

    /**
     * The program a command needs, or why there is none, with docker's codes: 127 when no such
     * file exists, 126 when one exists but may not be executed.
     *
     * @param install what to do when it is missing, e.g. {@code install QEMU (Debian: apt-get install qemu-system-x86)}
     */
    public static Path require(
            String name, Map<String, String> env, ExitCode missing, ExitCode notExecutable, String install) {
        Optional<Path> found = find(name, env);
        if (found.isPresent()) {
            return found.get();
        }
        Optional<Path> present = name.contains("/")
                ? Optional.of(Path.of(name)).filter(Files::isRegularFile)
                : path(env)
                        .map(dir -> dir.resolve(name))
                        .filter(Files::isRegularFile)
                        .findFirst();
        if (present.isPresent()) {
            throw new KraftException(
                    notExecutable,
                    present.get() + " exists but may not be executed (permission denied); make it executable"
                            + " (chmod +x " + present.get() + ") or " + install);
        }
        throw new KraftException(
                missing, name + " not found" + (name.contains("/") ? "" : " on PATH") + "; " + install);
    }

    private static Stream<Path> path(Map<String, String> env) {
        return Arrays.stream(env.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir));
    }

    public static Optional<Path> find(String name, Map<String, String> env) {
        if (name.contains("/")) {
            Path path = Path.of(name);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return path(env)
                .map(dir -> dir.resolve(name))
                .filter(c -> Files.isExecutable(c) && !Files.isDirectory(c))
                .findFirst();
    }
}
