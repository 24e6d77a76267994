package dev.kraft.cli;

import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A package index source as config.yaml keeps it: URLs as given, paths absolute so they work from anywhere. */
final class IndexSources {
    private IndexSources() {}

    static String source(Env env, String text, boolean mustExist) {
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || text.startsWith("file:")) {
            return text;
        }
        Path path = env.resolve(text);
        if (mustExist && !Files.isRegularFile(path) && !Files.isRegularFile(path.resolve("index.yaml"))) {
            throw new KraftException(
                    ExitCode.NOT_FOUND, text + ": neither a YAML file nor a directory with index.yaml (" + path + ")");
        }
        return path.toString();
    }
}
