package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.ProcessIdentity;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        MachineSpec spec = MachineSpec.builder()
                .name("web")
                .source("project:/p")
                .kernel(Path.of("/p/k"))
                .initrd(Optional.of(Path.of("/p/initrd.cpio")))
                .initrdAsRoot(false)
                .arch(Arch.X86_64)
                .plat(Plat.QEMU)
                .memoryBytes(67108864L)
                .cpus(2)
                .kernelArgs(List.of("-a", "b,c"))
                .appArgs(List.of("x"))
                .env(env)
                .ports(List.of(PortMapping.parse("8080:80")))
                .networks(List.of(new NetworkAttachment("n", "br0", "tap0", "10.0.0.2", 24, "10.0.0.1")))
                .volumes(List.of(new MachineSpec.Volume(Path.of("/h"), "/g", true)))
                .emulation(true)
                .build();
        MachineRecord record = new MachineRecord(
                "0123456789ab",
                spec,
                new MachineStatus(
                        MachineState.RUNNING,
                        Optional.of(new ProcessIdentity(4242, 1700000000000L)),
                        Optional.empty(),
                        1L,
                        2L,
                        0L,
                        Optional.empty(),
                        List.of("qemu-system-x86_64", "-kernel", "/p/k"),
                        Optional.empty()));
        Path file = tmp.resolve("machine.json");
        Files.write(file, MachineJson.write(record));
        assertEquals(record, MachineJson.read(file));
        MachineRecord exited =
                record.with(record.status().ended(MachineState.EXITED, Optional.of(42), Optional.empty(), 3L));
        assertEquals(
                Optional.of(42),
                MachineJson.read(write(file, MachineJson.write(exited)))
                        .status()
                        .exitCode());
    }

    /** What Jackson databind wrote before, with a field this version does not know. */
    @Test
    void readsRecordsInDatabindsFormatAndIgnoresUnknownFields() throws Exception {
        Path file = write(
                tmp.resolve("old.json"),
                ("{\"id\":\"000000000000\",\"name\":\"training\",\"source\":\"kernel://k\",\"kernel\":\"/k\","
                                + "\"initrd\":null,\"arch\":\"x86_64\",\"plat\":\"qemu\",\"memoryBytes\":67108864,\"cpus\":1,\"kernelArgs\":[],\"appArgs\":[],"
                                + "\"env\":{},\"ports\":[\"127.0.0.1:1:1/tcp\"],\"networks\":[],\"volumes\":[],\"emulation\":true,\"state\":\"EXITED\","
                                + "\"pid\":0,\"pidStartMillis\":0,\"createdAt\":0,\"startedAt\":0,\"exitedAt\":0,\"exitCode\":0,\"command\":[],"
                                + "\"future\":{\"nested\":[1,2.5,false]}}")
                        .getBytes());
        MachineRecord record = MachineJson.read(file);
        assertEquals("training", record.name());
        assertEquals(MachineState.EXITED, record.state());
        assertEquals(Optional.of(0), record.status().exitCode());
        assertEquals(Optional.empty(), record.spec().initrd());
        assertTrue(record.spec().initrdAsRoot(), "records from before the field mount their initrd, as kraft did then");
        assertEquals(List.of(PortMapping.parse("127.0.0.1:1:1")), record.spec().ports());
    }

    @Test
    void aFileThatIsNoRecordSaysWhy() throws Exception {
        assertTrue(assertThrows(
                                IOException.class,
                                () -> MachineJson.read(write(tmp.resolve("cut.json"), "{\"id\":\"0\",\"na".getBytes())))
                        .getMessage()
                != null);
        assertEquals(
                "kernel: missing",
                assertThrows(
                                IOException.class,
                                () -> MachineJson.read(write(
                                        tmp.resolve("partial.json"),
                                        "{\"id\":\"0\",\"name\":\"x\",\"arch\":\"x86_64\",\"plat\":\"qemu\",\"state\":\"CREATED\"}"
                                                .getBytes())))
                        .getMessage());
        assertEquals(
                "state: unknown ASLEEP",
                assertThrows(
                                IOException.class,
                                () -> MachineJson.read(write(
                                        tmp.resolve("state.json"),
                                        "{\"id\":\"0\",\"name\":\"x\",\"kernel\":\"/k\",\"arch\":\"x86_64\",\"plat\":\"qemu\",\"state\":\"ASLEEP\"}"
                                                .getBytes())))
                        .getMessage());
    }

    private static Path write(Path file, byte[] bytes) throws Exception {
        return Files.write(file, bytes);
    }
}
