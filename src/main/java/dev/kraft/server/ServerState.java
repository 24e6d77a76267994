package dev.kraft.server;

import dev.kraft.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code kraft server status} tells: the server's pid, since when it serves, the jar it
 * runs and how many builds it has served. One {@code key=value} a line, rewritten atomically
 * after each request.
 */
public record ServerState(long pid, Instant since, Path jar, long served) {

    void write(Path file) throws IOException {
        AtomicFiles.writeString(file, "pid=" + pid + "\nsince=" + since + "\njar=" + jar + "\nserved=" + served + "\n");
    }

    ServerState servedOneMore() {
        return new ServerState(pid, since, jar, served + 1);
    }

    /** The state file's content; empty when there is none or it is not one (a server writing its first). */
    static Optional<ServerState> read(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return Optional.of(new ServerState(
                    Long.parseLong(values.get("pid")),
                    Instant.parse(values.get("since")),
                    Path.of(values.get("jar")),
                    Long.parseLong(values.get("served"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
