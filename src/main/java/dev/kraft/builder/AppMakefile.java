package dev.kraft.builder;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unikraft requires a {@code Makefile.uk} in the app dir even when the app has no sources. As
 * KraftKit does, kraft creates an empty one for the build and removes it afterwards if it is
 * still empty, so the user's tree is left as it was.
 */
final class AppMakefile implements AutoCloseable {
    private final Path created;

    private AppMakefile(Path created) {
        this.created = created;
    }

    static AppMakefile ensure(Path appDir) {
        Path makefile = appDir.resolve("Makefile.uk");
        if (Files.exists(makefile)) {
            return new AppMakefile(null);
        }
        try {
            Files.createFile(makefile);
            return new AppMakefile(makefile);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot create " + makefile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (created != null && Files.size(created) == 0) {
                Files.delete(created);
            }
        } catch (IOException e) {
            // Leaving an empty Makefile.uk behind is harmless; the build result matters more.
        }
    }
}
