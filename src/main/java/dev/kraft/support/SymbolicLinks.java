package dev.kraft.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Symbolic links exactly as written. {@link Files#readSymbolicLink} answers the target as it
 * is, but a path made from a string loses a trailing slash and repeated slashes, so
 * {@link Files#createSymbolicLink} cannot write {@code ukrust_sys/}: git then sees the link
 * modified, and Unikraft's version gains {@code -custom}. Such targets go through {@code ln},
 * which takes them byte for byte; the rest stay in Java.
 */
public final class SymbolicLinks {
    private SymbolicLinks() {}

    /** The target of {@code link}, as written. */
    public static String read(Path link) throws IOException {
        return Files.readSymbolicLink(link).toString();
    }

    /** Whether Java keeps this target as it is. */
    public static boolean javaKeeps(String target) {
        return !target.isEmpty() && Path.of(target).toString().equals(target);
    }

    /** Creates {@code link} pointing at exactly {@code target}. */
    public static void create(Path link, String target) throws IOException {
        if (javaKeeps(target)) {
            Files.createSymbolicLink(link, Path.of(target));
        } else {
            run(List.of("ln", "-s", "--", target, link.toString()), "cannot create the link " + link);
        }
    }

    /** Replaces {@code link} (a link or nothing) by one pointing at exactly {@code target}. */
    public static void replace(Path link, String target) throws IOException {
        if (Files.isSymbolicLink(link) || !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(link);
            create(link, target);
        } else {
            throw new IOException(link + " is not a symbolic link");
        }
    }

    private static void run(List<String> argv, String failure) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
            if (process.waitFor() != 0) {
                throw new IOException(
                        failure + ": " + out.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(failure + ": interrupted", e);
        }
    }
}
