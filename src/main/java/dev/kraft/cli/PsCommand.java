package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineFormats;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft ps}: the machines, as they really are (a QEMU killed from outside shows as exited),
 * with KraftKit's flags and columns and docker's habits: {@code -q} for IDs, {@code --filter},
 * {@code --format}, {@code -n}, and statuses as docker words them.
 */
@Command(
        name = "ps",
        mixinStandardHelpOptions = true,
        description = "List machines.",
        footer = {
            "",
            "Examples:",
            "  kraft ps",
            "  kraft ps -a -o json",
            "  kraft ps -aq | xargs kraft rm -f",
            "  kraft ps -a --filter status=exited --format '{{.Names}}\\t{{.Status}}'"
        })
final class PsCommand implements Callable<Integer> {
    /** The widest a KERNEL or ARGS cell gets in the table unless --no-trunc. */
    private static final int TRUNCATE = 40;
    /** docker's template fields (and KraftKit's column names) and the row keys they read. */
    private static final Map<String, String> FIELDS = fields();

    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;
    private final Clock clock;

    @Option(
            names = {"-a", "--all"},
            description = "Also machines that are not running.")
    boolean all;

    @Option(
            names = {"-l", "--long"},
            description = "More columns: MACHINE ID, IP, PID, ARCH.")
    boolean long_;

    @Option(
            names = {"-q", "--quiet"},
            description = "Only machine IDs, one per line.")
    boolean quiet;

    @Mixin
    OutputFormat output;

    @Mixin
    MachinePlatform platform = new MachinePlatform();

    @Option(
            names = {"-m", "--arch"},
            paramLabel = "ARCH",
            converter = PlatformOptions.ArchConverter.class,
            completionCandidates = Choices.Archs.class,
            description = "Only machines of this architecture.")
    Arch arch;

    @Option(
            names = {"-f", "--filter"},
            paramLabel = "KEY=VALUE",
            description =
                    "Only machines that match, as docker's: name=, id=, status= (or state=), plat=, arch=. The same key twice: either.")
    List<String> filters = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "TEMPLATE",
            description =
                    "Print each machine through a template: {{.ID}}, {{.Names}}, {{.Status}}, {{json .}}…; 'table …' adds a header; 'json' a document per line.")
    String format;

    @Option(names = "--no-trunc", description = "Do not shorten long KERNEL and ARGS cells.")
    boolean noTrunc;

    @Option(
            names = {"-n", "--last"},
            paramLabel = "N",
            description = "Only the N machines created last (in any state).")
    Integer last;

    @Option(names = "--latest", description = "Only the machine created last (in any state).")
    boolean latest;

    PsCommand(Supplier<MachineService> machines, Supplier<Console> console, Clock clock) {
        this.machines = machines;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        String shape = output.checked();
        long now = clock.millis();
        List<MachineRecord> listed = select(machines.get().list());
        PrintStream out = console.get().out();
        if (quiet) {
            listed.forEach(m -> out.println(m.id()));
            return 0;
        }
        List<Map<String, String>> rows =
                listed.stream().map(m -> MachineFormats.row(m, now)).toList();
        if (format != null) {
            if (format.equals("json")) {
                listed.forEach(m -> out.println(MachineFormats.jsonLine(m, now)));
            } else {
                new FormatTemplate(format, FIELDS).print(rows, i -> MachineFormats.jsonLine(listed.get(i), now), out);
            }
            return 0;
        }
        switch (shape) {
            case "json" -> out.println(MachineFormats.json(listed, now));
            case "yaml" -> out.println(MachineFormats.yaml(listed, now));
            case "list" -> Table.printList(table(rows), out);
            default -> Table.print(table(rows), out);
        }
        return 0;
    }

    /** Running machines (all with -a, -n or --latest), of the platform and architecture asked, through the filters, the last N. */
    private List<MachineRecord> select(List<MachineRecord> everyOne) {
        if (last != null && last < 1) {
            throw new KraftException(ExitCode.USAGE, "--last " + last + ": expected 1 or more");
        }
        Predicate<MachineRecord> wanted = Filters.parse(filters);
        boolean any = all || last != null || latest;
        List<MachineRecord> chosen = everyOne.stream()
                .filter(m -> any || m.active() || m.broken())
                .filter(platform::includes)
                .filter(m -> arch == null || !m.broken() && m.spec().arch() == arch)
                .filter(wanted)
                .toList();
        int keep = latest ? 1 : last != null ? last : chosen.size();
        return chosen.stream()
                .sorted(Comparator.comparingLong((MachineRecord m) -> m.status().createdAt())
                        .reversed())
                .limit(keep)
                .sorted(Comparator.comparingLong(m -> m.status().createdAt()))
                .toList();
    }

    private List<List<String>> table(List<Map<String, String>> rows) {
        List<String> columns = long_
                ? List.of(
                        "ID", "NAME", "KERNEL", "ARGS", "CREATED", "STATUS", "MEM", "PORTS", "IP", "PID", "PLAT",
                        "ARCH")
                : List.of("NAME", "KERNEL", "ARGS", "CREATED", "STATUS", "MEM", "PORTS", "PLAT");
        List<List<String>> table = new ArrayList<>();
        table.add(columns.stream().map(c -> c.equals("ID") ? "MACHINE ID" : c).toList());
        for (Map<String, String> row : rows) {
            table.add(columns.stream().map(c -> cell(c, row, long_)).toList());
        }
        return table;
    }

    private String cell(String column, Map<String, String> row, boolean withArch) {
        String value = column.equals("PLAT") && !withArch && !row.get("PLAT").isEmpty()
                ? row.get("PLAT") + "/" + row.get("ARCH")
                : row.get(column);
        boolean shortened = !noTrunc && (column.equals("KERNEL") || column.equals("ARGS")) && value.length() > TRUNCATE;
        return shortened ? value.substring(0, TRUNCATE - 1) + "…" : value;
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ID", "ID");
        fields.put("Names", "NAME");
        fields.put("Name", "NAME");
        fields.put("Image", "KERNEL");
        fields.put("Kernel", "KERNEL");
        fields.put("Command", "ARGS");
        fields.put("Args", "ARGS");
        fields.put("CreatedAt", "CREATEDAT");
        fields.put("RunningFor", "CREATED");
        fields.put("Status", "STATUS");
        fields.put("State", "STATE");
        fields.put("Ports", "PORTS");
        fields.put("Mem", "MEM");
        fields.put("Networks", "IP");
        fields.put("Pid", "PID");
        fields.put("Plat", "PLAT");
        fields.put("Arch", "ARCH");
        return fields;
    }

    /** docker's {@code --filter}: keys given twice match either value, different keys must all match. */
    static final class Filters {
        private Filters() {}

        static Predicate<MachineRecord> parse(List<String> filters) {
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            for (String filter : filters) {
                int equals = filter.indexOf('=');
                String key = equals < 0 ? "" : filter.substring(0, equals);
                if (!List.of("name", "id", "status", "state", "plat", "arch").contains(key)) {
                    throw new KraftException(
                            ExitCode.USAGE,
                            "--filter " + filter + ": expected name=, id=, status=, state=, plat= or arch=");
                }
                byKey.computeIfAbsent(key.equals("state") ? "status" : key, k -> new ArrayList<>())
                        .add(filter.substring(equals + 1));
            }
            return machine -> byKey.entrySet().stream()
                    .allMatch(e -> e.getValue().stream().anyMatch(value -> matches(machine, e.getKey(), value)));
        }

        private static boolean matches(MachineRecord m, String key, String value) {
            return switch (key) {
                case "name" -> m.name().contains(value);
                case "id" -> m.id().startsWith(value);
                case "status" -> m.state().label().equals(value);
                case "plat" -> !m.broken() && m.plat().id().equals(value);
                default -> !m.broken() && m.spec().arch().id().equals(value);
            };
        }
    }
}
