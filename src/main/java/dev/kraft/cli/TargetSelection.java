package dev.kraft.cli;

import dev.kraft.kraftfile.Project;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Target;
import dev.kraft.unikraft.TargetFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the targets a command works on. One match is used; several are all used with
 * {@code --all}, offered as a numbered choice on a terminal, and otherwise refused with a
 * message naming {@code -t} (never a prompt that hangs a CI job).
 */
final class TargetSelection {
    private TargetSelection() {}

    static List<Target> select(Project project, TargetFilter filter, boolean all, boolean mayPrompt, Env env) {
        List<Target> matching = matching(project, filter);
        if (matching.size() == 1 || all) {
            return matching;
        }
        if (mayPrompt) {
            return List.of(ask(matching, env));
        }
        throw new KraftException(ExitCode.USAGE, ambiguity(matching, "targets") + " or build them all with --all");
    }

    /**
     * {@code 2 targets match: hello (qemu/x86_64), debug (qemu/x86_64); choose one with -t (e.g.
     * -t debug)}: the example names a target by its name when no other has it, else by plat/arch.
     */
    static String ambiguity(List<Target> matching, String what) {
        Target first = matching.get(0);
        boolean unique =
                matching.stream().filter(t -> t.name().equals(first.name())).count() == 1;
        return matching.size() + " " + what + " match: " + list(matching) + "; choose one with -t (e.g. -t "
                + (unique ? first.name() : first.platArch()) + ")";
    }

    /** The targets the filter selects; none is an error that lists what the project has. */
    static List<Target> matching(Project project, TargetFilter filter) {
        if (project.targets().isEmpty()) {
            throw noTargets(project);
        }
        List<Target> matching = filter.apply(project.targets());
        if (matching.isEmpty()) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    "no target matches " + describe(filter) + "; the project has: " + list(project.targets()));
        }
        return matching;
    }

    /** Why a project without targets has nothing to build, and what to add. */
    private static KraftException noTargets(Project project) {
        if (project.usesRuntime()) {
            return runsARuntime(project);
        }
        String kraftfile = project.kraftfile().getFileName().toString();
        return new KraftException(
                ExitCode.INVALID_INPUT,
                project.unikraft().isEmpty() && project.template().isEmpty()
                        ? kraftfile
                                + ": nothing to build; add unikraft: (and targets:) to build a kernel from source, or runtime: to run a"
                                + " prebuilt one (e.g. runtime: base:latest)"
                        : kraftfile + ": no targets (add e.g. targets: [qemu/x86_64])");
    }

    /** What a command that builds from source says of a runtime project: there is nothing for it to do, and what is. */
    static KraftException runsARuntime(Project project) {
        return new KraftException(
                ExitCode.USAGE,
                project.kraftfile().getFileName() + " runs the prebuilt runtime "
                        + project.runtime().orElseThrow().reference()
                        + ": there are no sources to fetch, configure or compile;"
                        + " kraft build pulls the runtime and builds the rootfs, kraft run boots it, kraft pkg packages both");
    }

    private static Target ask(List<Target> targets, Env env) {
        PrintStream err = env.err();
        err.println("Several targets match:");
        for (int i = 0; i < targets.size(); i++) {
            err.printf(
                    "  %d) %s (%s)%n",
                    i + 1, targets.get(i).kernelName(), targets.get(i).platArch());
        }
        err.print("Which one? [1-" + targets.size() + "] ");
        err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
            int choice = Integer.parseInt(answer == null ? "" : answer.strip());
            if (choice >= 1 && choice <= targets.size()) {
                return targets.get(choice - 1);
            }
        } catch (IOException | NumberFormatException e) {
            // Falls through to the same answer as any other invalid choice.
        }
        throw new KraftException(ExitCode.USAGE, "no target chosen; use -t to name one");
    }

    /** How the filter reads in a message: {@code -t x --plat qemu}. */
    private static String describe(TargetFilter filter) {
        StringBuilder text = new StringBuilder();
        filter.target().ifPresent(t -> text.append("-t ").append(t).append(' '));
        filter.plat().ifPresent(p -> text.append("--plat ").append(p).append(' '));
        filter.arch().ifPresent(a -> text.append("--arch ").append(a).append(' '));
        return text.toString().strip();
    }

    private static String list(List<Target> targets) {
        return targets.stream().map(t -> t.name() + " (" + t.platArch() + ")").collect(Collectors.joining(", "));
    }
}
