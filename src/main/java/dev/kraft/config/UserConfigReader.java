package dev.kraft.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads {@code config.yaml} into flat dotted keys ({@code log.type}) and lays the
 * {@code KRAFTKIT_*} environment over it. A missing file is no error: kraft does not write one
 * until there is something to keep.
 */
public final class UserConfigReader {
    private UserConfigReader() {
    }

    public static UserConfig read(Path file, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                flatten("", new ObjectMapper(new YAMLFactory()).readTree(file.toFile()), values);
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

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isValueNode()) {
            into.put(prefix, node.asText());
        }
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
