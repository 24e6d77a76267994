package dev.kraft.log;

import java.util.Map;

/**
 * One message as a JSON object on one line. Written by hand: these few lines keep a JSON
 * library out of every command's start-up.
 */
final class JsonLine {
    private JsonLine() {}

    static String of(LogLevel level, String message, Map<String, Object> fields) {
        StringBuilder json =
                new StringBuilder("{\"level\":\"").append(level.label()).append("\",\"msg\":");
        string(json, message);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.append(',');
            string(json, field.getKey());
            json.append(':');
            Object value = field.getValue();
            if (value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                string(json, String.valueOf(value));
            }
        }
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
