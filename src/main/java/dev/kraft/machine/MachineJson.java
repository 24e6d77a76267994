package dev.kraft.machine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kraft.machine.network.NetworkAttachment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * machine.json through Jackson's streaming API. Every {@code kraft run}, {@code ps} and
 * {@code stop} reads or writes records, and databind's first use (its static set-up and the
 * bean introspection of the record) cost ~100 ms of each; the streaming parser costs ~1 ms. The
 * format is what databind wrote: the record's components by name, unknown fields ignored.
 */
final class MachineJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MachineJson() {
    }

    static byte[] write(MachineRecord m) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", m.id());
        fields.put("name", m.name());
        fields.put("source", m.source());
        fields.put("kernel", m.kernel());
        fields.put("initrd", m.initrd());
        fields.put("arch", m.arch());
        fields.put("plat", m.plat());
        fields.put("memoryBytes", m.memoryBytes());
        fields.put("cpus", m.cpus());
        fields.put("kernelArgs", m.kernelArgs());
        fields.put("appArgs", m.appArgs());
        fields.put("env", m.env());
        fields.put("ports", m.ports());
        List<Object> networks = new ArrayList<>();
        for (NetworkAttachment n : m.networks()) {
            Map<String, Object> network = new LinkedHashMap<>();
            network.put("network", n.network());
            network.put("bridge", n.bridge());
            network.put("tap", n.tap());
            network.put("address", n.address());
            network.put("prefix", n.prefix());
            network.put("gateway", n.gateway());
            networks.add(network);
        }
        fields.put("networks", networks);
        fields.put("volumes", m.volumes());
        fields.put("emulation", m.emulation());
        fields.put("state", m.state().name());
        fields.put("pid", m.pid());
        fields.put("pidStartMillis", m.pidStartMillis());
        fields.put("createdAt", m.createdAt());
        fields.put("startedAt", m.startedAt());
        fields.put("exitedAt", m.exitedAt());
        fields.put("exitCode", m.exitCode());
        fields.put("command", m.command());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            out.useDefaultPrettyPrinter();
            writeValue(out, fields);
        }
        return bytes.toByteArray();
    }

    static MachineRecord read(Path file) throws IOException {
        Map<String, Object> f;
        try (JsonParser in = FACTORY.createParser(Files.readAllBytes(file))) {
            if (!(readValue(in, in.nextToken()) instanceof Map<?, ?> map)) {
                throw new IOException(file + ": not a JSON object");
            }
            f = cast(map);
        }
        List<NetworkAttachment> networks = new ArrayList<>();
        for (Object item : list(f, "networks")) {
            Map<String, Object> n = cast((Map<?, ?>) item);
            networks.add(new NetworkAttachment(text(n, "network"), text(n, "bridge"), text(n, "tap"), text(n, "address"),
                    (int) number(n, "prefix"), text(n, "gateway")));
        }
        Object exitCode = f.get("exitCode");
        return new MachineRecord(text(f, "id"), text(f, "name"), text(f, "source"), text(f, "kernel"), text(f, "initrd"),
                text(f, "arch"), text(f, "plat"), number(f, "memoryBytes"), (int) number(f, "cpus"), strings(f, "kernelArgs"),
                strings(f, "appArgs"), env(f), strings(f, "ports"), networks, strings(f, "volumes"),
                Boolean.TRUE.equals(f.get("emulation")), MachineState.valueOf(text(f, "state")), number(f, "pid"),
                number(f, "pidStartMillis"), number(f, "createdAt"), number(f, "startedAt"), number(f, "exitedAt"),
                exitCode instanceof Number code ? code.intValue() : null, strings(f, "command"));
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(entry.getKey().toString());
                writeValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                writeValue(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Number n) {
            out.writeNumber(n.longValue());
        } else {
            out.writeString(value.toString());
        }
    }

    /** A JSON value as maps, lists, strings, longs, booleans and nulls. */
    private static Object readValue(JsonParser in, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of JSON");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = in.nextToken(); t != JsonToken.END_OBJECT; t = in.nextToken()) {
                    String name = in.currentName();
                    map.put(name, readValue(in, in.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken t = in.nextToken(); t != JsonToken.END_ARRAY; t = in.nextToken()) {
                    items.add(readValue(in, t));
                }
                return items;
            }
            case VALUE_STRING -> {
                return in.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return in.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }

    private static long number(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Number n ? n.longValue() : 0;
    }

    private static List<Object> list(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof List<?> items ? new ArrayList<>(items) : List.of();
    }

    private static List<String> strings(Map<String, Object> fields, String name) {
        return list(fields, name).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> env(Map<String, Object> fields) {
        Map<String, String> env = new LinkedHashMap<>();
        if (fields.get("env") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(k.toString(), String.valueOf(v)));
        }
        return env;
    }
}
