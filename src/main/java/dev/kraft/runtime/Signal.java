package dev.kraft.runtime;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;
import java.util.Locale;

/** A Linux signal as {@code kill} names it: {@code 15}, {@code TERM} or {@code SIGTERM}. */
public record Signal(int number, String name) {
    /** Linux's numbering (x86 and arm alike), 1 to 31. */
    private static final List<String> NAMES = List.of(
            "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
            "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
            "WINCH", "IO", "PWR", "SYS");

    public static final Signal TERM = parse("TERM");

    public static Signal parse(String text) {
        String name = text.toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        if (name.matches("[0-9]{1,2}")) {
            int number = Integer.parseInt(name);
            if (number >= 1 && number <= NAMES.size()) {
                return new Signal(number, NAMES.get(number - 1));
            }
        } else if (NAMES.contains(name)) {
            return new Signal(NAMES.indexOf(name) + 1, name);
        }
        throw new KraftException(
                ExitCode.USAGE, "signal " + text + ": expected a name (TERM, SIGKILL) or a number (1 to 31)");
    }
}
