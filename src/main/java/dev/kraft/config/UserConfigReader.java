package dev.kraft.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code config.yaml} into flat dotted keys ({@code log.type}) and lays the
 * {@code KRAFTKIT_*} environment over it. A missing file is no error: kraft does not write one
 * until there is something to keep. Read with Jackson's streaming parser: every command reads this
 * file, and building an ObjectMapper first cost each of them ~60 ms.
 */
public final class UserConfigReader {
    private UserConfigReader() {
    }

    public static UserConfig read(Path file, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
                    flatten(parser, values);
                }
            } catch (IOException e) {
                throw new KraftException(ExitCode.INVALID_INPUT, file + ": " + firstLine(e.getMessage()));
            }
        }
        UserConfig.ENV_NAMES.forEach((key, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                values.put(key, value);
            }
        });
        return new UserConfig(values);
    }

    /** Scalars of nested mappings under their dotted paths; lists and nulls are left out. */
    private static void flatten(JsonParser parser, Map<String, String> into) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return;
        }
        Deque<String> path = new ArrayDeque<>();
        String prefix = "";
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.END_OBJECT) {
                if (path.isEmpty()) {
                    return;
                }
                prefix = path.pop();
                continue;
            }
            String key = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                path.push(prefix);
                prefix = key;
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                into.put(key, parser.getText());
            }
        }
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
