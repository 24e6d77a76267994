package dev.kraft.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** What a hypervisor said in its own log when it failed, in one line, without the register dump QEMU adds. */
public final class HypervisorLog {
    /** A register dump line: {@code RAX=…}, {@code ES =…}, {@code GDT=…}. */
    private static final Pattern REGISTERS = Pattern.compile("^[A-Z][A-Z0-9]{1,3}\\s*=.*");
    private static final int LINES = 3;

    private HypervisorLog() {
    }

    /** Its first lines, joined; empty when it said nothing. */
    public static String summary(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return "";
            }
            return String.join("; ", Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !REGISTERS.matcher(line).matches()).limit(LINES).toList());
        } catch (IOException e) {
            return "";
        }
    }
}
