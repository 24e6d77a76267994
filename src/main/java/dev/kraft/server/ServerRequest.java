package dev.kraft.server;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Tty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One build a client asks the server for, read from its request directory as bin/kraft writes
 * it: {@code args} and {@code env} (NUL-separated), {@code cwd} (the physical working
 * directory), {@code tty} (a 0 or 1 for each of stdin, stdout and stderr), {@code jar} (the jar
 * the client would run) and the FIFOs {@code out} and {@code err}. Nothing is followed through a
 * link, and no file may pass {@link #MAX_FILE}: a request is data from another process.
 */
public record ServerRequest(Path dir, List<String> args, Map<String, String> vars, Path cwd, Tty tty, Path jar) {
    /** Far above any real command line or environment (Linux caps both at a few MiB together). */
    static final int MAX_FILE = 1 << 20;

    /** What {@code mktemp -d "$dir/req.XXXXXX"} and the rename after it make. */
    static final Pattern NAME = Pattern.compile("req\\.[A-Za-z0-9]{6,32}");

    public ServerRequest {
        args = List.copyOf(args);
        vars = Map.copyOf(vars);
    }

    /** The request in dir (a direct child of the server's directory), or why it is refused. */
    public static ServerRequest read(Path dir, UserPrincipal owner) throws IOException {
        if (!NAME.matcher(dir.getFileName().toString()).matches()) {
            throw invalid(dir, "is not named req.XXXXXX");
        }
        PosixFileAttributes attributes =
                Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory() || !attributes.owner().equals(owner)) {
            throw invalid(dir, "is not a directory of " + owner.getName());
        }
        List<String> args = split(read(dir, "args"));
        if (args.isEmpty() || !args.get(0).equals("build")) {
            throw invalid(dir, "asks for something else than kraft build");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String entry : split(read(dir, "env"))) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                vars.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        if (!vars.containsKey("HOME") || !Path.of(vars.get("HOME")).isAbsolute()) {
            throw invalid(dir, "has no absolute HOME in its environment");
        }
        Path cwd = Path.of(line(dir, "cwd"));
        if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
            throw invalid(dir, "names a working directory that is not one: " + cwd);
        }
        String tty = line(dir, "tty");
        if (!tty.matches("[01]{3}")) {
            throw invalid(dir, "has a tty file that is not three 0s and 1s");
        }
        Path jar = Path.of(line(dir, "jar"));
        for (String fifo : List.of("out", "err")) {
            if (!Files.readAttributes(dir.resolve(fifo), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isOther()) {
                throw invalid(dir, "has no FIFO " + fifo);
            }
        }
        return new ServerRequest(
                dir, args, vars, cwd, new Tty(tty.charAt(0) == '1', tty.charAt(1) == '1', tty.charAt(2) == '1'), jar);
    }

    public Path home() {
        return Path.of(vars.get("HOME"));
    }

    /** A regular file of the request, never through a link, at most MAX_FILE bytes. */
    private static byte[] read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isRegularFile()) {
            throw invalid(dir, "has a " + name + " that is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes(MAX_FILE + 1);
            if (content.length > MAX_FILE) {
                throw invalid(dir, "has a " + name + " larger than " + MAX_FILE + " bytes");
            }
            return content;
        }
    }

    private static String line(Path dir, String name) throws IOException {
        String text = new String(read(dir, name), StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code printf '%s\0'} and {@code env -0} output: every entry ends with a NUL. */
    private static List<String> split(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList((text.endsWith("\0") ? text.substring(0, text.length() - 1) : text).split("\0", -1));
    }

    private static KraftException invalid(Path dir, String why) {
        return new KraftException(ExitCode.INVALID_INPUT, "request " + dir.getFileName() + " " + why);
    }
}
