package dev.kraft.pkg.cache;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Digests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * For archives a manifest gives no sha256 for: which content a URL served when it was last
 * downloaded, and when. One small file per URL under {@code urls/}, written atomically.
 */
final class Pins {
    private Pins() {}

    record Pin(String sha256, Instant at) {}

    static Optional<Pin> read(Path root, URI url) {
        try {
            String[] fields = Files.readString(file(root, url)).strip().split(" ");
            return fields.length == 2 ? Optional.of(new Pin(fields[0], Instant.parse(fields[1]))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void write(Path root, URI url, Pin pin) throws IOException {
        AtomicFiles.writeString(file(root, url), pin.sha256() + " " + pin.at() + "\n");
    }

    private static Path file(Path root, URI url) {
        return root.resolve("urls").resolve(Digests.sha256(url.toString()));
    }
}
