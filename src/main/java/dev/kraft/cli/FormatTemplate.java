package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's {@code --format}, the part scripts use of its Go templates: {@code {{.Field}}} and
 * {@code {{json .}}} (the row's document), {@code \t} and {@code \n} as docker reads them, and a
 * leading {@code table} for a header row and aligned columns.
 */
final class FormatTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(?:\\.([A-Za-z]+)|json\\s+\\.)\\s*}}");
    private final boolean table;
    private final String template;
    private final Map<String, String> fields;

    /**
     * @param fields the template's field names and the row keys they read ({@code Names} → {@code NAME});
     *               a field not among them is a usage error listing those there are
     */
    FormatTemplate(String text, Map<String, String> fields) {
        this.table = text.startsWith("table ");
        this.template = (table ? text.substring("table ".length()) : text)
                .replace("\\t", "\t")
                .replace("\\n", "\n");
        this.fields = fields;
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group(1) != null && !fields.containsKey(m.group(1))) {
                throw new KraftException(
                        ExitCode.USAGE,
                        "--format: no field ." + m.group(1) + "; there are ." + String.join(", .", fields.keySet()));
            }
        }
        if (PLACEHOLDER.matcher(template).replaceAll("").contains("{{")) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "--format " + text + ": kraft reads {{.Field}} and {{json .}} of docker's templates");
        }
    }

    /** Each row through the template; {@code json} gives a row's one-line document. */
    void print(List<Map<String, String>> rows, Function<Integer, String> json, PrintStream out) {
        List<String> lines = new ArrayList<>();
        if (table) {
            lines.add(fill(m -> m.group(1) == null ? "JSON" : m.group(1).toUpperCase(Locale.ROOT)));
        }
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            int index = i;
            lines.add(fill(m -> m.group(1) == null ? json.apply(index) : row.getOrDefault(fields.get(m.group(1)), "")));
        }
        if (table) {
            Table.print(
                    lines.stream().map(line -> List.of(line.split("\t", -1))).toList(), out);
        } else {
            lines.forEach(out::println);
        }
    }

    private String fill(Function<MatchResult, String> value) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(value.apply(m)));
    }
}
