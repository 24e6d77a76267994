package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kraft.machine.network.NetworkAttachment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineJsonTest {
    @TempDir
    Path tmp;

    @Test
    void aRecordSurvivesTheRoundTripWithEveryField() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "1");
        env.put("QUOTE", "say \"hi\"\n");
        MachineRecord record = new MachineRecord("0123456789ab", "web", "project:/p", "/p/k", null, "x86_64", "qemu",
                67108864L, 2, List.of("-a", "b,c"), List.of("x"), env, List.of("127.0.0.1:8080:80/tcp"),
                List.of(new NetworkAttachment("n", "br0", "tap0", "10.0.0.2", 24, "10.0.0.1")), List.of("/h:/g:ro"), true,
                MachineState.RUNNING, 4242, 1700000000000L, 1L, 2L, 0L, null, List.of("qemu-system-x86_64", "-kernel", "/p/k"));
        Path file = tmp.resolve("machine.json");
        Files.write(file, MachineJson.write(record));
        assertEquals(record, MachineJson.read(file));
        assertEquals(42, MachineJson.read(write(file, MachineJson.write(record.exited(42, 3L)))).exitCode());
    }

    /** What Jackson databind wrote before, with a field this version does not know. */
    @Test
    void readsRecordsInDatabindsFormatAndIgnoresUnknownFields() throws Exception {
        Path file = write(tmp.resolve("old.json"), ("{\"id\":\"000000000000\",\"name\":\"training\",\"source\":\"kernel://k\",\"kernel\":\"/k\","
                + "\"initrd\":null,\"arch\":\"x86_64\",\"plat\":\"qemu\",\"memoryBytes\":67108864,\"cpus\":1,\"kernelArgs\":[],\"appArgs\":[],"
                + "\"env\":{},\"ports\":[\"127.0.0.1:1:1/tcp\"],\"networks\":[],\"volumes\":[],\"emulation\":true,\"state\":\"EXITED\","
                + "\"pid\":0,\"pidStartMillis\":0,\"createdAt\":0,\"startedAt\":0,\"exitedAt\":0,\"exitCode\":0,\"command\":[],"
                + "\"future\":{\"nested\":[1,2.5,false]}}").getBytes());
        MachineRecord record = MachineJson.read(file);
        assertEquals("training", record.name());
        assertEquals(MachineState.EXITED, record.state());
        assertEquals(0, record.exitCode());
        assertNull(record.initrd());
        assertEquals(List.of("127.0.0.1:1:1/tcp"), record.ports());
    }

    private static Path write(Path file, byte[] bytes) throws Exception {
        return Files.write(file, bytes);
    }
}
