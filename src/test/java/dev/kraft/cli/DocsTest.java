package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Tty;
import dev.kraft.testing.DocExamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The documentation cannot drift from the commands: each has a page and examples, each example parses. */
class DocsTest {
    /** kraft's command tree over an empty environment, as --help reads it; KraftKitFlagsTest walks it too. */
    static CommandLine commands() {
        Env env = new Env(
                Path.of("").toAbsolutePath(),
                Path.of("/nonexistent"),
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream()),
                Tty.NONE,
                Clock.systemUTC());
        GlobalOptions global = new GlobalOptions();
        return Kraft.commandLine(new Services(env, global), global);
    }

    @Test
    void everyCommandHasADocsPageAndExamplesInItsHelp() throws IOException {
        String docs;
        try (Stream<Path> pages = Files.list(Path.of("docs/commands"))) {
            StringBuilder all = new StringBuilder();
            for (Path page : pages.toList()) {
                all.append(Files.readString(page));
            }
            docs = all.toString();
        }
        List<String> missing = new ArrayList<>();
        commands().getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden() || !name.equals(sub.getCommandName())) {
                return;
            }
            if (!docs.contains("kraft " + name)) {
                missing.add(name + ": no page in docs/commands");
            }
            if (!String.join("\n", sub.getCommandSpec().usageMessage().footer()).contains("Example")) {
                missing.add(name + ": no example in --help");
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void everyExampleKraftfileParses() throws IOException {
        List<Path> kraftfiles;
        try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
            kraftfiles = walk.filter(p -> p.getFileName().toString().equals("Kraftfile"))
                    .toList();
        }
        assertEquals(true, kraftfiles.size() >= 2, kraftfiles::toString);
        for (Path kraftfile : kraftfiles) {
            Path dir = kraftfile.getParent().toAbsolutePath();
            new KraftfileLoader(dir, dir, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        }
    }

    /** Every kraft command README.md and docs/ show parses: its subcommand, flags and values exist (DocsExamplesIT runs them). */
    @Test
    void everyKraftExampleInTheDocsParses() {
        List<DocExamples.Example> examples = DocExamples.all(Path.of("").toAbsolutePath());
        assertEquals(true, examples.size() > 50, examples::toString);
        List<String> refused = new ArrayList<>();
        for (DocExamples.Example example : examples) {
            try {
                commands().parseArgs(example.args().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                refused.add(example + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), refused);
    }

    /** docs/exit-codes.md has a row for every code of ExitCode (the man pages' EXIT STATUS comes from the enum). */
    @Test
    void everyExitCodeIsDocumented() throws IOException {
        String table = Files.readString(Path.of("docs/exit-codes.md"));
        List<Integer> missing = Stream.of(ExitCode.values())
                .map(ExitCode::code)
                .filter(code -> !table.contains("\n| " + code + " |"))
                .toList();
        assertEquals(List.of(), missing);
    }

    /** A relative link in README.md or docs/ must name a file that exists (anchors and URLs aside). */
    @Test
    void everyRelativeLinkInTheDocsResolves() throws IOException {
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(Path.of("docs"))) {
            pages = Stream.concat(
                            walk.filter(p -> p.toString().endsWith(".md")),
                            Stream.of(Path.of("README.md"), Path.of("bench/README.md")))
                    .filter(Files::isRegularFile)
                    .toList();
        }
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (!target.matches("^[a-z]+:.*")
                        && !Files.exists(
                                page.getParent() == null
                                        ? Path.of(target)
                                        : page.getParent().resolve(target))) {
                    broken.add(page + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
