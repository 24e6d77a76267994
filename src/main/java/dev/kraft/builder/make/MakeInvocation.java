package dev.kraft.builder.make;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ShellWords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of Unikraft's make, as data: {@code make -C <core> --no-print-directory VAR=… <goal>
 * [-j N]}. Variables keep a fixed order so that plans and tests are stable. Every value is
 * checked, because make expands {@code $(…)} in command-line variables even without a shell,
 * and whitespace or a colon would split Unikraft's path lists.
 */
public record MakeInvocation(Path core, Map<String, String> variables, String goal, Optional<Integer> jobs) {

    public MakeInvocation {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        variables.forEach(MakeInvocation::check);
        check("-C", core.toString());
    }

    /** The same variables and directory, another goal: clean, fetch, menuconfig. */
    public MakeInvocation withGoal(String otherGoal, Optional<Integer> otherJobs) {
        return new MakeInvocation(core, variables, otherGoal, otherJobs);
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("make", "-C", core.toString(), "--no-print-directory"));
        variables.forEach((name, value) -> argv.add(name + "=" + value));
        argv.add(goal);
        jobs.ifPresent(n -> argv.add("-j" + n));
        return List.copyOf(argv);
    }

    /** The command line as a user could paste it into a shell. */
    public String commandLine() {
        return ShellWords.line(argv());
    }

    private static void check(String name, String value) {
        for (char c : value.toCharArray()) {
            if (c == '$' || c == '`' || Character.isWhitespace(c) || c == '\\' || c == '#' || c == '\'' || c == '"') {
                throw new KraftException(
                        ExitCode.USAGE,
                        name + "=" + value + ": make cannot be given '" + c
                                + "' safely; move the project to a path without it");
            }
        }
    }
}
