package dev.kraft.rootfs;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code --build-secret} as KraftKit (after BuildKit's {@code buildctl}) reads it: comma
 * separated {@code key=value} fields {@code type} ({@code file} or {@code env}), {@code id},
 * {@code src}/{@code source} and {@code env}. Written back in the one form buildah and buildctl
 * both take, with the file's path made absolute.
 */
record BuildSecret(String id, Optional<Path> file, Optional<String> env) {
    static BuildSecret parse(String text, Path cwd) {
        String type = "file";
        String id = null;
        String source = null;
        String env = null;
        for (String field : text.split(",")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw usage(text, "field \"" + field + "\" is not KEY=VALUE");
            }
            String value = field.substring(equals + 1);
            switch (field.substring(0, equals).toLowerCase(Locale.ROOT)) {
                case "type" -> type = value;
                case "id" -> id = value;
                case "src", "source" -> source = value;
                case "env" -> env = value;
                default -> throw usage(text, "unknown key \"" + field.substring(0, equals) + "\"");
            }
        }
        if (!type.equals("file") && !type.equals("env")) {
            throw usage(text, "type must be file or env");
        }
        if (type.equals("env") && env == null) {
            env = source;
            source = null;
        }
        if (id == null || id.isEmpty()) {
            id = env != null
                    ? env
                    : source == null ? null : Path.of(source).getFileName().toString();
        }
        if (id == null || (source == null) == (env == null)) {
            throw usage(text, "name an id and either src=FILE or env=VARIABLE");
        }
        return new BuildSecret(
                id, Optional.ofNullable(source).map(s -> cwd.resolve(s).normalize()), Optional.ofNullable(env));
    }

    /** {@code id=ID,src=FILE} or {@code id=ID,env=VAR}. */
    String argument() {
        return "id=" + id + file.map(f -> ",src=" + f).orElse("")
                + env.map(e -> ",env=" + e).orElse("");
    }

    private static KraftException usage(String text, String why) {
        return new KraftException(
                ExitCode.USAGE,
                "--build-secret " + text + ": " + why + " (expected id=ID,src=FILE or type=env,id=ID,env=VARIABLE)");
    }
}
