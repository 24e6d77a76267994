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
 *
 * <p>A file variable's value is the text of a file kraft wrote ({@code NAME=$(file <path)}): a
 * list too long for one argument (Linux takes 128 KiB per string, and make passes command-line
 * variables to its sub-makes in one MAKEFLAGS), which overrides the makefiles' own {@code +=}
 * of that name. Only the path is on the command line, checked as any value.
 */
public record MakeInvocation(
        Path core,
        Map<String, String> variables,
        Map<String, Path> fileVariables,
        String goal,
        Optional<Integer> jobs) {

    public MakeInvocation {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        variables.forEach(MakeInvocation::check);
        fileVariables = Collections.unmodifiableMap(new LinkedHashMap<>(fileVariables));
        fileVariables.forEach(MakeInvocation::checkFile);
        check("-C", core.toString());
    }

    public MakeInvocation(Path core, Map<String, String> variables, String goal, Optional<Integer> jobs) {
        this(core, variables, Map.of(), goal, jobs);
    }

    /** The same variables and directory, another goal: clean, fetch, menuconfig. */
    public MakeInvocation withGoal(String otherGoal, Optional<Integer> otherJobs) {
        return new MakeInvocation(core, variables, fileVariables, otherGoal, otherJobs);
    }

    /** The same call with one more variable whose value make reads from {@code file}. */
    public MakeInvocation withFileVariable(String name, Path file) {
        Map<String, Path> more = new LinkedHashMap<>(fileVariables);
        more.put(name, file);
        return new MakeInvocation(core, variables, more, goal, jobs);
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("make", "-C", core.toString(), "--no-print-directory"));
        variables.forEach((name, value) -> argv.add(name + "=" + value));
        fileVariables.forEach((name, file) -> argv.add(name + "=$(file <" + file + ")"));
        argv.add(goal);
        jobs.ifPresent(n -> argv.add("-j" + n));
        return List.copyOf(argv);
    }

    /** The command line as a user could paste it into a shell. */
    public String commandLine() {
        return ShellWords.line(argv());
    }

    /** A file variable's path ends at the first parenthesis make sees. */
    private static void checkFile(String name, Path file) {
        String path = file.toString();
        check(name, path);
        if (path.contains("(") || path.contains(")")) {
            throw new KraftException(
                    ExitCode.USAGE,
                    path
                            + ": make cannot read a file whose path has a parenthesis; move the project to a path without one");
        }
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
