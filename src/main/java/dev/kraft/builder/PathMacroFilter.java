package dev.kraft.builder;

import dev.kraft.support.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The preprocessor prefix kraft gives ccache so that real Unikraft at its default {@code -g3}
 * shares objects across project directories (see {@link Ccache}): a shell script that deletes the
 * definitions of {@code CONFIG_UK_BASE} and {@code CONFIG_UK_APP} from the output ccache hashes.
 * It ships in kraft's jar and is written beside the cache, because ccache runs it by path.
 */
final class PathMacroFilter {
    static final String NAME = "strip-path-macros";
    /** The definitions the script deletes: the host's paths, not the kernel's configuration. */
    static final List<String> MACROS = List.of("CONFIG_UK_BASE", "CONFIG_UK_APP");

    private PathMacroFilter() {}

    /**
     * The script in {@code dir}, written unless this kraft's version of it is already there.
     * Written atomically: another build may be running it at that moment.
     */
    static Path install(Path dir) throws IOException {
        byte[] script = script();
        Path target = dir.resolve(NAME);
        if (!Files.isExecutable(target) || !Arrays.equals(Files.readAllBytes(target), script)) {
            AtomicFiles.writeExecutable(target, script);
        }
        return target;
    }

    static byte[] script() {
        try (InputStream in = PathMacroFilter.class.getResourceAsStream(NAME + ".sh")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("kraft's jar lacks " + NAME + ".sh", e);
        }
    }
}
