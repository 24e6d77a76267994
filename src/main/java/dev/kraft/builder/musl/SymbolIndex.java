package dev.kraft.builder.musl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of musl's sources defines which global symbol, read from their text before any is
 * compiled: musl keeps one external function per file, named after it ({@code src/string/strlen.c}
 * defines {@code strlen}), gives other names with {@code weak_alias}/{@code strong_alias}, and
 * writes every file-scope definition from the first column. Assembly files say {@code .global}.
 * The index may name a file that does not define a symbol (a declaration read as a definition):
 * that only compiles a file more; a symbol it misses makes the trimming give up, never fail.
 */
public final class SymbolIndex {
    private static final Pattern ALIAS =
            Pattern.compile("\\b(?:weak_alias|strong_alias)\\s*\\(\\s*\\w+\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern ASM_GLOBAL = Pattern.compile("^\\s*\\.globa?l\\s+(\\w+)", Pattern.MULTILINE);
    /** The name a function definition's first line declares: the identifier before the first parenthesis. */
    private static final Pattern FUNCTION = Pattern.compile("(\\w+)\\s*\\(");
    /** The name a declarator declares, once its initializer and array sizes are gone: its last identifier. */
    private static final Pattern LAST_NAME = Pattern.compile("(\\w+)\\s*$");
    /** First words of a first-column line that define nothing global. */
    private static final Set<String> NOT_DEFINITIONS =
            Set.of("static", "typedef", "extern", "return", "if", "else", "for", "while", "do", "switch");
    /** A line that starts with one of these declares a type, unless a declarator follows the tag. */
    private static final Set<String> TYPE_TAGS = Set.of("struct", "union", "enum");

    private static final Pattern TAGGED_DECLARATOR = Pattern.compile("(?:struct|union|enum)\\s+\\w+[\\s*]+\\w+.*");

    private final Map<String, Set<String>> definers = new LinkedHashMap<>();

    /** The index of the given sources; files that cannot be read (outside the trees, gone) define nothing. */
    public static SymbolIndex of(List<String> entries, List<Path> trees) {
        SymbolIndex index = new SymbolIndex();
        List<Path> realTrees =
                trees.stream().filter(Files::isDirectory).map(SymbolIndex::real).toList();
        for (String entry : entries) {
            Path file = MuslSources.fileOf(entry);
            try {
                Path real = file.toRealPath();
                if (realTrees.stream().anyMatch(real::startsWith)) {
                    index.add(
                            entry,
                            symbols(
                                    file.getFileName().toString(),
                                    Files.readString(real, StandardCharsets.ISO_8859_1)));
                }
            } catch (IOException e) {
                // Not there (yet): the link names what is missing, and the trimming gives up on it.
            }
        }
        return index;
    }

    private static Path real(Path tree) {
        try {
            return tree.toRealPath();
        } catch (IOException e) {
            return tree;
        }
    }

    /** The entries that define {@code symbol}, in the order they were indexed. */
    public Set<String> definers(String symbol) {
        return definers.getOrDefault(symbol, Set.of());
    }

    private void add(String entry, Set<String> symbols) {
        symbols.forEach(
                s -> definers.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(entry));
    }

    /** The global symbols a source file named {@code fileName} with this text defines. */
    static Set<String> symbols(String fileName, String text) {
        Set<String> symbols = new LinkedHashSet<>();
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot + 1) : "";
        if (extension.equals("s") || extension.equals("S")) {
            Matcher global = ASM_GLOBAL.matcher(text);
            while (global.find()) {
                symbols.add(global.group(1));
            }
            if (!extension.equals("S")) {
                return symbols;
            }
        }
        if (stem.matches("\\w+")) {
            symbols.add(stem);
        }
        Matcher alias = ALIAS.matcher(text);
        while (alias.find()) {
            symbols.add(alias.group(1));
        }
        firstColumnDefinitions(withoutComments(text), symbols);
        return symbols;
    }

    /** Definitions that start in the first column outside any brace: musl's style for every global. */
    private static void firstColumnDefinitions(String text, Set<String> symbols) {
        int depth = 0;
        for (String line : text.split("\n")) {
            if (depth == 0 && !line.isEmpty() && Character.isJavaIdentifierStart(line.charAt(0))) {
                definition(line, symbols);
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}' && depth > 0) {
                    depth--;
                }
            }
        }
    }

    private static void definition(String line, Set<String> symbols) {
        String first = line.split("\\W", 2)[0];
        if (TYPE_TAGS.contains(first) && !TAGGED_DECLARATOR.matcher(line).matches()
                || NOT_DEFINITIONS.contains(first)) {
            return;
        }
        String code = line.strip();
        int paren = code.indexOf('(');
        int assign = code.indexOf('=');
        if (paren >= 0 && (assign < 0 || paren < assign)) {
            if (code.endsWith(";")) {
                return; // a prototype, not a definition
            }
            Matcher function = FUNCTION.matcher(code);
            if (function.find() && !function.group(1).equals("__attribute__")) {
                symbols.add(function.group(1));
            }
            return;
        }
        for (String part :
                withoutInitializers(code).replaceAll("\\[[^\\]]*\\]", "").split(",")) {
            Matcher name = LAST_NAME.matcher(part);
            if (name.find()) {
                symbols.add(name.group(1));
            }
        }
    }

    /** The declarators of a definition without their initializers: {@code int a = 1, *b;} is {@code int a, *b}. */
    private static String withoutInitializers(String code) {
        StringBuilder kept = new StringBuilder();
        int depth = 0;
        boolean initializer = false;
        for (char c : code.toCharArray()) {
            if (depth == 0 && c == ';') {
                break;
            } else if (depth == 0 && c == '=') {
                initializer = true;
            } else if (depth == 0 && c == ',') {
                initializer = false;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            if (!initializer) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /**
     * The text with comments, strings and character constants blanked (kept line for line), so
     * that neither their words nor their braces count.
     */
    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                i = blank(text, i, end < 0 ? text.length() : end + 2, out);
            } else if (c == '/' && next == '/') {
                int end = text.indexOf('\n', i);
                i = blank(text, i, end < 0 ? text.length() : end, out);
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                i = blank(text, i, Math.min(end + 1, text.length()), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Appends text[from, to) with everything but newlines blanked; answers {@code to}. */
    private static int blank(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(text.charAt(i) == '\n' ? '\n' : ' ');
        }
        return to;
    }
}
