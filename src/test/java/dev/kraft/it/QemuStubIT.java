package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.UnikraftElf;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What kraft does with QEMU's answers, through bin/kraft with a stub QEMU
 * (src/test/resources/stubs/qemu-system-x86_64) that records its command line and reports the
 * guest state a test chooses over QMP, and a /dev/kvm that opens (HOST_DEV): which acceleration
 * each machine gets, and a guest KVM cannot run.
 */
class QemuStubIT {
    private static final Path STUB =
            Path.of("src/test/resources/stubs/qemu-system-x86_64").toAbsolutePath();

    @TempDir
    Path tmp;

    KraftCli kraft;
    Path record;

    @BeforeEach
    void stubQemuAndKvm() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String name : List.of("qemu-system-x86_64", "qemu-system-aarch64")) {
            Files.copy(STUB, bin.resolve(name));
            assertTrue(bin.resolve(name).toFile().setExecutable(true));
        }
        Path dev = Files.createDirectories(tmp.resolve("dev"));
        Files.writeString(dev.resolve("kvm"), "");
        record = tmp.resolve("qemu.record");
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")))
                .with("PATH", bin + File.pathSeparator + System.getenv("PATH"))
                .with("HOST_DEV", dev.toString())
                .with("QEMU_STUB_RECORD", record.toString());
    }

    @AfterEach
    void removeMachines() throws Exception {
        kraft.run(tmp, "rm", "-f", "--all");
    }

    /** Once, the first machine started decided every machine's acceleration, and its architecture every binary. */
    @Test
    void eachMachineBootsWithItsOwnAccelerationWhateverTheOrder() throws Exception {
        Path x86 = kernel("x86.elf", 62);
        Path arm = kernel("arm.elf", 183);
        create("emu", x86, "-W");
        create("kvm", x86);
        create("arm", arm);
        assertEquals(0, kraft.run(tmp, "start", "-d", "emu", "kvm", "arm").exit());
        assertAccelerations();

        assertEquals(0, kraft.run(tmp, "stop", "--all").exit());
        Files.delete(record);
        assertEquals(0, kraft.run(tmp, "start", "-d", "arm", "kvm", "emu").exit());
        assertAccelerations();
    }

    /** Each stub records its command line once it runs, which may be just after kraft start returned. */
    private void assertAccelerations() throws IOException, InterruptedException {
        List<String> lines = List.of();
        for (int i = 0; i < 100 && lines.size() < 3; i++) {
            Thread.sleep(50);
            lines = Files.exists(record) ? Files.readAllLines(record) : List.of();
        }
        assertTrue(
                line(lines, "emu").startsWith("qemu-system-x86_64 -name emu -machine pc -cpu max "), lines::toString);
        assertTrue(
                line(lines, "kvm").startsWith("qemu-system-x86_64 -name kvm -machine pc,accel=kvm -cpu host,"),
                lines::toString);
        assertTrue(
                line(lines, "arm").startsWith("qemu-system-aarch64 -name arm -machine virt -cpu max "),
                "its own binary, no KVM: " + lines);
    }

    @Test
    void aGuestKvmCannotRunEndsTheRunWithQemusMessage() throws Exception {
        long started = System.nanoTime();
        KraftCli.Result run = kraft.with("QEMU_STUB_STATUS", "internal-error")
                .run(tmp, "run", "--name", "nested", kernel("k.elf", 62).toString());
        assertEquals(125, run.exit(), run::toString);
        assertTrue(System.nanoTime() - started < 20_000_000_000L, "not a hang");
        assertTrue(
                run.err()
                        .contains("error: KVM could not run the guest: KVM internal error. Suberror: 1; extra data[0]: "
                                + "0x0000000000000001; emulation failure; run it under TCG emulation with -W"),
                run::toString);
        KraftCli.Result ps = kraft.run(tmp, "ps", "-a");
        assertTrue(
                ps.out().contains("nested")
                        && ps.out().contains("Failed")
                        && ps.out().contains("KVM could not run the guest"),
                ps::toString);

        KraftCli.Result detached = kraft.with("QEMU_STUB_STATUS", "internal-error")
                .run(tmp, "run", "-d", "--name", "later", kernel("k.elf", 62).toString());
        assertEquals(0, detached.exit(), detached::toString);
        KraftCli.Result later = kraft.run(tmp, "ps", "-a");
        assertTrue(
                later.out().lines().anyMatch(l -> l.startsWith("later") && l.contains("Failed")),
                "never shown as running: " + later);
    }

    /** QEMU's own last lines, not a log path: with --rm the machine's directory, its log with it, is gone by the time kraft reports. */
    @Test
    void aQemuThatFailsIsReportedWithItsLastLinesEvenWhenRmTookItsLog() throws Exception {
        KraftCli.Result run = kraft.with("QEMU_STUB_STATUS", "fails")
                .run(tmp, "run", "--rm", "--name", "doomed", kernel("k.elf", 62).toString());
        assertEquals(125, run.exit(), run::toString);
        List<String> err = run.err().lines().toList();
        assertEquals(
                List.of(
                        "qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.07H:EBX.rdseed [bit 18]",
                        "qemu-system-x86_64: warning: TCG doesn't support requested feature: CPUID.01H:ECX.vmx [bit 5]",
                        "error: the hypervisor failed: qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory"),
                err.subList(err.size() - 3, err.size()),
                run::toString);
        assertFalse(run.err().contains(kraft.home().toString()), "no path, least of all one --rm deleted: " + run);
        assertEquals("", kraft.run(tmp, "ps", "-aq").out(), "--rm removed the machine");

        KraftCli.Result detached = kraft.with("QEMU_STUB_STATUS", "fails")
                .run(tmp, "run", "-d", "--name", "kept", kernel("k.elf", 62).toString());
        assertEquals(0, detached.exit(), detached::toString);
        String ps = "";
        for (int i = 0; i < 100 && !ps.contains("Failed"); i++) {
            Thread.sleep(100);
            ps = kraft.run(tmp, "ps", "-a").out();
        }
        assertTrue(
                ps.lines()
                        .anyMatch(
                                l -> l.startsWith("kept")
                                        && l.contains("Failed")
                                        && l.contains(
                                                "the hypervisor failed: qemu-system-x86_64: cannot set up guest memory 'pc.ram'")),
                ps);
    }

    @Test
    void doctorRunsAGuestUnderKvmInsteadOfOpeningTheDevice() throws Exception {
        KraftCli.Result works = kraft.run(tmp, "doctor");
        assertTrue(
                works.out().lines().anyMatch(l -> l.contains("/kvm") && l.contains("usable (a test guest ran)")),
                works::toString);

        KraftCli.Result nested =
                kraft.with("QEMU_STUB_STATUS", "internal-error").run(tmp, "doctor");
        assertTrue(
                nested.out()
                        .lines()
                        .anyMatch(l -> l.contains("/kvm")
                                && l.contains("cannot run guests: the test guest stopped in"
                                        + " internal-error: KVM internal error")
                                && l.contains("disable_acceleration")),
                nested::toString);
    }

    private void create(String name, Path kernel, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--no-start", "--name", name));
        args.addAll(List.of(flags));
        args.add(kernel.toString());
        KraftCli.Result created = kraft.run(tmp, args.toArray(String[]::new));
        assertEquals(0, created.exit(), created::toString);
    }

    private static String line(List<String> lines, String machine) {
        return lines.stream()
                .filter(l -> l.contains(" -name " + machine + " "))
                .findFirst()
                .orElse("");
    }

    /** The first 20 bytes of an ELF header: all kraft reads of a kernel file, for its architecture. */
    private Path kernel(String name, int machine) throws IOException {
        return UnikraftElf.write(tmp.resolve(name), machine);
    }
}
