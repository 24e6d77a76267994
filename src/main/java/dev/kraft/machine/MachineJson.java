package dev.kraft.machine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.ProcessIdentity;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * machine.json through Jackson's streaming API. Every {@code kraft run}, {@code ps} and
 * {@code stop} reads or writes records, and databind's first use (its static set-up and the
 * bean introspection of the record) cost ~100 ms of each; the streaming parser costs ~1 ms. The
 * format is flat, the spec's and the status's fields by name (what databind wrote before), and
 * fields it does not know are ignored; a new field is added in {@link #fields} and {@link #read}.
 */
final class MachineJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MachineJson() {}

    static byte[] write(MachineRecord m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            out.useDefaultPrettyPrinter();
            writeValue(out, fields(m));
        }
        return bytes.toByteArray();
    }

    /** The record as a document: machine.json's fields, which {@code kraft ps -o json|yaml} also prints. */
    static Map<String, Object> fields(MachineRecord m) {
        MachineSpec spec = m.spec();
        MachineStatus status = m.status();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", m.id());
        fields.put("name", spec.name());
        fields.put("source", spec.source());
        fields.put("kernel", spec.kernel().toString());
        fields.put("initrd", spec.initrd().map(Path::toString).orElse(null));
        fields.put("initrdAsRoot", spec.initrdAsRoot());
        fields.put("arch", spec.arch().id());
        fields.put("plat", spec.plat().id());
        fields.put("memoryBytes", spec.memoryBytes());
        fields.put("cpus", spec.cpus());
        fields.put("kernelArgs", spec.kernelArgs());
        fields.put("appArgs", spec.appArgs());
        fields.put("env", spec.env());
        fields.put("ports", spec.ports().stream().map(PortMapping::spec).toList());
        List<Object> networks = new ArrayList<>();
        for (NetworkAttachment n : spec.networks()) {
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
        fields.put(
                "volumes",
                spec.volumes().stream()
                        .map(v -> v.hostPath() + ":" + v.guestPath() + (v.readOnly() ? ":ro" : ""))
                        .toList());
        fields.put("emulation", spec.emulation());
        fields.put("autoRemove", spec.autoRemove());
        fields.put("state", status.state().name());
        fields.put("pid", status.process().map(ProcessIdentity::pid).orElse(0L));
        fields.put(
                "pidStartMillis",
                status.process().map(ProcessIdentity::startMillis).orElse(0L));
        fields.put("starterPid", status.starter().map(ProcessIdentity::pid).orElse(0L));
        fields.put(
                "starterStartMillis",
                status.starter().map(ProcessIdentity::startMillis).orElse(0L));
        fields.put("createdAt", status.createdAt());
        fields.put("startedAt", status.startedAt());
        fields.put("exitedAt", status.endedAt());
        fields.put("exitCode", status.exitCode().orElse(null));
        fields.put("command", status.command());
        fields.put("problem", status.problem().orElse(null));
        return fields;
    }

    /** Reads a record; a file that is no record kraft can use is an IOException saying why. */
    static MachineRecord read(Path file) throws IOException {
        Map<String, Object> f;
        try (JsonParser in = FACTORY.createParser(Files.readAllBytes(file))) {
            if (!(readValue(in, in.nextToken()) instanceof Map<?, ?> map)) {
                throw new IOException("not a JSON object");
            }
            f = cast(map);
        }
        List<NetworkAttachment> networks = new ArrayList<>();
        for (Object item : list(f, "networks")) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IOException("networks: expected objects");
            }
            Map<String, Object> n = cast(map);
            networks.add(new NetworkAttachment(
                    text(n, "network"),
                    text(n, "bridge"),
                    text(n, "tap"),
                    text(n, "address"),
                    (int) number(n, "prefix"),
                    text(n, "gateway")));
        }
        MachineSpec spec = MachineSpec.builder()
                .name(required(f, "name"))
                .source(String.valueOf(text(f, "source")))
                .kernel(Path.of(required(f, "kernel")))
                .initrd(Optional.ofNullable(text(f, "initrd")).map(Path::of))
                .initrdAsRoot(!Boolean.FALSE.equals(f.get("initrdAsRoot")))
                .arch(Arch.parse(required(f, "arch"))
                        .orElseThrow(() -> new IOException("arch: unknown " + text(f, "arch"))))
                .plat(Plat.parse(required(f, "plat"))
                        .orElseThrow(() -> new IOException("plat: unknown " + text(f, "plat"))))
                .memoryBytes(number(f, "memoryBytes"))
                .cpus((int) number(f, "cpus"))
                .kernelArgs(strings(f, "kernelArgs"))
                .appArgs(strings(f, "appArgs"))
                .env(env(f))
                .ports(strings(f, "ports").stream().map(PortMapping::parse).toList())
                .networks(networks)
                .volumes(strings(f, "volumes").stream().map(MachineJson::volume).toList())
                .emulation(Boolean.TRUE.equals(f.get("emulation")))
                .autoRemove(Boolean.TRUE.equals(f.get("autoRemove")))
                .build();
        MachineState state;
        try {
            state = MachineState.valueOf(required(f, "state"));
        } catch (IllegalArgumentException e) {
            throw new IOException("state: unknown " + text(f, "state"));
        }
        MachineStatus status = new MachineStatus(
                state,
                process(f, "pid", "pidStartMillis"),
                process(f, "starterPid", "starterStartMillis"),
                number(f, "createdAt"),
                number(f, "startedAt"),
                number(f, "exitedAt"),
                f.get("exitCode") instanceof Number code ? Optional.of(code.intValue()) : Optional.empty(),
                strings(f, "command"),
                Optional.ofNullable(text(f, "problem")));
        return new MachineRecord(required(f, "id"), spec, status);
    }

    private static Optional<ProcessIdentity> process(Map<String, Object> fields, String pid, String start) {
        long id = number(fields, pid);
        return id == 0 ? Optional.empty() : Optional.of(new ProcessIdentity(id, number(fields, start)));
    }

    private static MachineSpec.Volume volume(String text) {
        String[] parts = text.split(":");
        return new MachineSpec.Volume(
                Path.of(parts[0]), parts.length > 1 ? parts[1] : "/", parts.length > 2 && parts[2].equals("ro"));
    }

    private static String required(Map<String, Object> fields, String name) throws IOException {
        String value = text(fields, name);
        if (value == null) {
            throw new IOException(name + ": missing");
        }
        return value;
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
