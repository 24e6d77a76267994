package dev.kraft.runu;

import dev.kraft.runtime.Container;
import dev.kraft.runtime.ContainerRuntime;
import dev.kraft.runtime.RuntimeJson;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ps}: the container's processes, its init process and its hypervisor; as JSON PIDs (what the shim asks) or ps's table. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List a container's processes.")
final class PsCommand implements Callable<Integer> {
    private final RunuServices services;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "table|json",
            defaultValue = "table",
            description = "table (ps's) or json (PIDs).")
    String format;

    @Parameters(index = "0", paramLabel = "ID", description = "The container's id.")
    String id;

    @Parameters(index = "1..*", paramLabel = "PS_ARGS", description = "Options for ps (default -ef).")
    List<String> psArgs = new ArrayList<>();

    PsCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ContainerRuntime runtime = services.runtime();
        Container container = runtime.find(id);
        List<Long> pids = runtime.pids(container);
        switch (format) {
            case "json" -> services.env().out().println(RuntimeJson.pids(pids));
            case "table" -> table(pids);
            default -> throw new KraftException(ExitCode.USAGE, "--format " + format + ": expected table or json");
        }
        return 0;
    }

    /** ps's header, then its lines for these PIDs. */
    private void table(List<Long> pids) {
        List<String> argv = new ArrayList<>(List.of("ps"));
        argv.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
        List<String> lines = new ArrayList<>();
        if (new Processes(services.env().vars()).run(argv, Path.of("/"), lines::add) != 0 || lines.isEmpty()) {
            throw new KraftException(ExitCode.FAILURE, String.join(" ", argv) + " failed: " + String.join(" ", lines));
        }
        int column = List.of(lines.get(0).trim().split("\\s+")).indexOf("PID");
        if (column < 0) {
            throw new KraftException(ExitCode.USAGE, "ps " + String.join(" ", psArgs) + " prints no PID column");
        }
        services.env().out().println(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > column
                    && fields[column].matches("[0-9]+")
                    && pids.contains(Long.parseLong(fields[column]))) {
                services.env().out().println(line);
            }
        }
    }
}
