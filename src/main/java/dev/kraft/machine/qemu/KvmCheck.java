package dev.kraft.machine.qemu;

import dev.kraft.machine.HypervisorLog;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Proves that KVM runs guests, as opening {@code /dev/kvm} cannot: a nested host may open it and
 * then fail every guest ("KVM internal error … emulation failure"). QEMU boots a 64 KiB firmware
 * whose reset vector writes 42 to the isa-debug-exit port, under KVM with the CPU machines get;
 * QEMU then exits 85. Anything else (an error, a guest stuck in internal-error) is said with
 * QEMU's own words. Takes about 0.1 s where KVM works.
 */
public final class KvmCheck {
    private static final int FIRMWARE_SIZE = 64 * 1024;
    /** At the reset vector (F000:FFF0): mov al, 42; mov dx, 0x501; out dx, al; hlt; jmp $-1. */
    private static final byte[] RESET = {
        (byte) 0xB0, 0x2A, (byte) 0xBA, 0x01, 0x05, (byte) 0xEE, (byte) 0xF4, (byte) 0xEB, (byte) 0xFD
    };

    private static final int DEBUG_EXIT_42 = (42 << 1) | 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private KvmCheck() {}

    /** Whether KVM ran the test guest, and if not, why. */
    public record Result(boolean runs, String detail) {}

    public static Result run(String qemuBinary) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kraft-kvm-check-");
        try {
            byte[] firmware = new byte[FIRMWARE_SIZE];
            Arrays.fill(firmware, (byte) 0xF4);
            System.arraycopy(RESET, 0, firmware, FIRMWARE_SIZE - 16, RESET.length);
            Path bios = Files.write(dir.resolve("bios.bin"), firmware);
            Path log = dir.resolve("qemu.log");
            Path qmp = dir.resolve("qmp.sock");
            Process qemu = new ProcessBuilder(List.of(
                            qemuBinary,
                            "-machine",
                            "pc,accel=kvm",
                            "-cpu",
                            QemuArgs.KVM_CPU,
                            "-m",
                            "16M",
                            "-nodefaults",
                            "-no-user-config",
                            "-no-reboot",
                            "-display",
                            "none",
                            "-bios",
                            bios.toString(),
                            "-device",
                            "isa-debug-exit,iobase=0x501,iosize=2",
                            "-qmp",
                            "unix:" + QemuArgs.escape(qmp.toString()) + ",server=on,wait=off"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            try {
                return outcome(qemu, qmp, log);
            } finally {
                qemu.destroyForcibly();
                qemu.waitFor();
            }
        } finally {
            MoreFiles.deleteTree(dir);
        }
    }

    /** Waits for QEMU to exit, asking it now and then whether the guest is stuck (KVM then stops the vCPU and QEMU waits forever). */
    private static Result outcome(Process qemu, Path qmp, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String status = "no answer";
        while (System.nanoTime() < deadline) {
            if (qemu.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                return qemu.exitValue() == DEBUG_EXIT_42
                        ? new Result(true, "a test guest ran")
                        : new Result(false, "QEMU exited " + qemu.exitValue() + detail(log));
            }
            status = status(qmp);
            if (status.equals("internal-error") || status.equals("guest-panicked")) {
                return new Result(false, "the test guest stopped in " + status + detail(log));
            }
        }
        return new Result(
                false,
                "the test guest did not finish in " + TIMEOUT.toSeconds() + " s (QEMU: " + status + ")" + detail(log));
    }

    private static String status(Path qmp) {
        try {
            return Qmp.status(qmp);
        } catch (IOException e) {
            return "no answer";
        }
    }

    private static String detail(Path log) {
        String said = HypervisorLog.summary(log);
        return said.isEmpty() ? "" : ": " + said;
    }
}
