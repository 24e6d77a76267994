package dev.kraft.machine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.ProcessIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How machines read in {@code kraft ps}: as docker says it for people ({@code Up 5 seconds},
 * {@code Exited (0) 3 seconds ago}), and as documents for scripts ({@code -o json|yaml}: RFC 3339
 * times, lower-case states).
 */
public final class MachineFormats {
    private MachineFormats() {}

    /**
     * One machine as text, by field: what {@code kraft ps}'s columns, {@code -o list} and
     * {@code --format} templates show. Keys are KraftKit's column names and docker's template
     * fields alike ({@code NAME} and {@code Names}).
     */
    public static Map<String, String> row(MachineRecord m, long now) {
        boolean broken = m.broken();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("ID", m.id());
        row.put("NAME", m.name());
        row.put("KERNEL", m.spec().source());
        row.put("ARGS", String.join(" ", m.spec().appArgs()));
        row.put("CREATED", broken ? "" : humanDuration(now - m.status().createdAt()) + " ago");
        row.put(
                "CREATEDAT",
                broken ? "" : Instant.ofEpochMilli(m.status().createdAt()).toString());
        row.put("STATUS", status(m.status(), now));
        row.put("STATE", m.state().label());
        row.put("MEM", broken ? "" : Quantity.mebibytes(m.spec().memoryBytes()) + "Mi");
        row.put(
                "PORTS",
                m.state() == MachineState.RUNNING
                        ? m.spec().ports().stream().map(Object::toString).collect(Collectors.joining(", "))
                        : "");
        row.put(
                "IP",
                m.spec().networks().stream()
                        .map(n -> n.address() + "/" + n.prefix())
                        .collect(Collectors.joining(", ")));
        row.put("PID", m.status().process().map(p -> String.valueOf(p.pid())).orElse(""));
        row.put("PLAT", broken ? "" : m.plat().id());
        row.put("ARCH", broken ? "" : m.spec().arch().id());
        return row;
    }

    /** {@code Created}, {@code Up 5 seconds}, {@code Up 2 minutes (Paused)}, {@code Exited (0) 3 seconds ago}, {@code Failed 1 second ago: why}. */
    public static String status(MachineStatus status, long now) {
        String since = humanDuration(now - status.endedAt()) + " ago";
        return switch (status.state()) {
            case CREATED -> "Created";
            case STARTING -> "Starting";
            case RUNNING -> "Up " + humanDuration(now - status.startedAt());
            case PAUSED -> "Up " + humanDuration(now - status.startedAt()) + " (Paused)";
            case EXITED -> "Exited (" + status.exitCode().map(String::valueOf).orElse("?") + ") " + since;
            case STOPPED -> "Stopped " + since;
            case FAILED ->
                "Failed " + since + status.problem().map(p -> ": " + p).orElse("");
            case BROKEN -> "Broken: " + status.problem().orElse("unreadable");
        };
    }

    /** A duration as docker says it ({@code units.HumanDuration}): {@code 1 second}, {@code About a minute}, {@code 3 hours}. */
    public static String humanDuration(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        long seconds = d.toSeconds();
        long minutes = d.toMinutes();
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        } else if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        } else if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return hours / 24 / 365 + " years";
    }

    public static String json(List<MachineRecord> machines, long now) {
        return write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT), machines, now);
    }

    /** One machine's document on one line: what a {@code --format json} template prints per machine. */
    public static String jsonLine(MachineRecord machine, long now) {
        try {
            return new ObjectMapper().writeValueAsString(document(machine, now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("machine documents are plain data", e);
        }
    }

    public static String yaml(List<MachineRecord> machines, long now) {
        // As kraft pkg ls and info write YAML: no "---" document marker, quotes only where needed.
        return write(
                new ObjectMapper(new YAMLFactory()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)),
                machines,
                now);
    }

    private static String write(ObjectMapper mapper, List<MachineRecord> machines, long now) {
        try {
            return mapper.writeValueAsString(
                            machines.stream().map(m -> document(m, now)).toList())
                    .stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("machine documents are plain data", e);
        }
    }

    /** A machine for scripts: times in RFC 3339 (null when they have not happened), the state in lower case. */
    private static Map<String, Object> document(MachineRecord m, long now) {
        MachineSpec spec = m.spec();
        MachineStatus status = m.status();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", m.id());
        document.put("name", m.name());
        document.put("kernel", spec.source());
        document.put("args", spec.appArgs());
        document.put("state", m.state().label());
        document.put("status", status(status, now));
        document.put("exitCode", status.exitCode().orElse(null));
        document.put("problem", status.problem().orElse(null));
        document.put("created", time(status.createdAt()));
        document.put("started", time(status.startedAt()));
        document.put("ended", time(status.endedAt()));
        document.put("memory", Quantity.mebibytes(spec.memoryBytes()) + "Mi");
        document.put("memoryBytes", spec.memoryBytes());
        document.put("cpus", spec.cpus());
        document.put("ports", spec.ports().stream().map(Object::toString).toList());
        document.put(
                "networks",
                spec.networks().stream().map(MachineFormats::network).toList());
        document.put("pid", status.process().map(ProcessIdentity::pid).orElse(null));
        document.put("plat", m.broken() ? null : spec.plat().id());
        document.put("arch", m.broken() ? null : spec.arch().id());
        return document;
    }

    private static Map<String, Object> network(NetworkAttachment attachment) {
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("network", attachment.network());
        network.put("address", attachment.address() + "/" + attachment.prefix());
        network.put("gateway", attachment.gateway());
        return network;
    }

    private static String time(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
