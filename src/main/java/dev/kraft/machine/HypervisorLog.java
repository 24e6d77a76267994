package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a hypervisor said in its own log, without the register dump QEMU adds: its first lines
 * name a guest fault (KVM's internal error), its last lines why it stopped (a kernel it cannot
 * load, memory it cannot have), which a failure shows as they are, since a machine run with
 * {@code --rm} takes its log with it.
 */
public final class HypervisorLog {
    /** A register dump line: {@code RAX=…}, {@code ES =…}, {@code GDT=…}, {@code EFER=…}, {@code XMM00=…}, {@code Code=…}. */
    private static final Pattern REGISTERS = Pattern.compile("^[A-Z][A-Za-z0-9]{1,4}\\s*=.*");

    private static final int SUMMARY = 3;
    /** Enough for QEMU's warnings and its error; a crash's dump is filtered out first. */
    public static final int TAIL = 10;

    private HypervisorLog() {}

    /** Its first lines, joined; empty when it said nothing. */
    public static String summary(Path log) {
        List<String> said = said(log);
        return String.join("; ", said.subList(0, Math.min(SUMMARY, said.size())));
    }

    /** Its last lines, oldest first; empty when it said nothing (or the log is gone). */
    public static List<String> tail(Path log) {
        List<String> said = said(log);
        return List.copyOf(said.subList(Math.max(0, said.size() - TAIL), said.size()));
    }

    /**
     * A hypervisor's end as a failure: its last line in the message, the lines before it shown
     * above it; the exit status when it said nothing.
     *
     * @param what what failed ({@code qemu-system-x86_64 failed to start the machine})
     */
    public static ToolFailure failure(String what, List<String> said, Optional<Integer> status) {
        if (said.isEmpty()) {
            return new ToolFailure(
                    ExitCode.HYPERVISOR_FAILED,
                    what + " without saying why"
                            + status.map(s -> " (exit status " + s + ")").orElse(""),
                    List.of());
        }
        return new ToolFailure(
                ExitCode.HYPERVISOR_FAILED, what + ": " + said.get(said.size() - 1), said.subList(0, said.size() - 1));
    }

    private static List<String> said(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return List.of();
            }
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !REGISTERS.matcher(line).matches())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
