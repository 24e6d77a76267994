package dev.kraft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kraft commands README.md and docs/ show as examples, read from their code blocks (fenced
 * or indented), so tests can parse and run every one: a line (or a part of one between
 * {@code &&}) that calls {@code kraft}, with the variables set before it, the file its stdin
 * comes from and the directory an earlier {@code cd} of the block went to. A synopsis
 * ({@code kraft pkg pull PKG... [-o DIR]}) is no example: it has brackets, bars, dots or
 * placeholders in capitals, or notes in parentheses.
 */
public final class DocExamples {
    private static final Pattern CALL = Pattern.compile(
            "^(?:sudo\\s+)?((?:[A-Z_]+=\\S*\\s+)*)(?:source\\s+<\\()?((?:bin/|~/\\.local/bin/)?kraft)(?:\\s+(.*))?$");
    private static final Pattern PLACEHOLDER =
            Pattern.compile("(?!CONFIG_)[A-Z][A-Z_]*|CONFIG_X|\\(.*|.*(\\[|\\||\\.\\.\\.).*");

    private DocExamples() {}

    /**
     * One command of an example.
     *
     * @param text the command as the page writes it (one part of a line)
     * @param launcher {@code kraft}, {@code bin/kraft}, {@code ~/.local/bin/kraft}
     * @param cd the directory a {@code cd} earlier in the block went to, relative to the repository
     */
    public record Example(
            Path page,
            int line,
            String text,
            Map<String, String> env,
            String launcher,
            List<String> args,
            Optional<String> stdin,
            Optional<String> cd) {
        @Override
        public String toString() {
            return page + ":" + line + ": " + text;
        }
    }

    /** Every example of README.md and the pages under docs/, in page order. */
    public static List<Example> all(Path repository) {
        List<Path> pages = new ArrayList<>(List.of(repository.resolve("README.md")));
        try (Stream<Path> walk = Files.walk(repository.resolve("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (Path page : pages) {
            examples.addAll(of(repository.relativize(page), read(page)));
        }
        return examples;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The examples of one page's text. */
    static List<Example> of(Path page, String markdown) {
        List<Example> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean previousBlank = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("```")) {
                String lang = line.substring(3).strip();
                int start = i + 1;
                List<String> block = new ArrayList<>();
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    block.add(lines[i]);
                }
                if (lang.isEmpty() || lang.equals("sh") || lang.equals("console")) {
                    examples.addAll(block(page, start, block, lang.equals("console")));
                }
                previousBlank = false;
            } else if (previousBlank && line.startsWith("    ") && !line.isBlank()) {
                int start = i + 1;
                List<String> block = new ArrayList<>();
                for (; i < lines.length && (lines[i].startsWith("    ") || lines[i].isBlank()); i++) {
                    block.add(lines[i].length() >= 4 ? lines[i].substring(4) : "");
                }
                i--;
                examples.addAll(block(page, start, block, false));
                previousBlank = true;
            } else {
                previousBlank = line.isBlank();
            }
        }
        return examples;
    }

    private static List<Example> block(Path page, int start, List<String> lines, boolean console) {
        List<Example> examples = new ArrayList<>();
        Optional<String> cd = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            int number = start + i;
            String line = lines.get(i);
            while (line.endsWith("\\") && i + 1 < lines.size()) {
                line = line.substring(0, line.length() - 1) + " "
                        + lines.get(++i).strip();
            }
            if (console) {
                if (!line.startsWith("$ ")) {
                    continue;
                }
                line = line.substring(2);
            }
            for (String part : line.split("&&")) {
                String command = part.strip();
                if (command.startsWith("cd ")) {
                    cd = Optional.of(command.substring(3).strip());
                    continue;
                }
                Matcher call = CALL.matcher(command);
                if (!call.matches()) {
                    continue;
                }
                Optional<String> stdin = Optional.empty();
                List<String> args = new ArrayList<>();
                List<String> words = words(Optional.ofNullable(call.group(3)).orElse(""));
                for (int w = 0; w < words.size(); w++) {
                    String word = words.get(w);
                    if (word.startsWith("#") || word.equals(">") || word.equals(")")) {
                        break;
                    }
                    if (word.equals("<") && w + 1 < words.size()) {
                        stdin = Optional.of(words.get(++w));
                        continue;
                    }
                    args.add(word.endsWith(")") ? word.substring(0, word.length() - 1) : word);
                }
                if (args.stream().anyMatch(a -> PLACEHOLDER.matcher(a).matches())) {
                    continue;
                }
                Map<String, String> env = new LinkedHashMap<>();
                for (String assignment : words(call.group(1))) {
                    int eq = assignment.indexOf('=');
                    env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                }
                String text = command.replaceFirst("\\s+#.*$", "");
                examples.add(new Example(page, number, text, env, call.group(2), List.copyOf(args), stdin, cd));
            }
        }
        return examples;
    }

    /** A shell's words: blanks split, single and double quotes group (no expansion). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
