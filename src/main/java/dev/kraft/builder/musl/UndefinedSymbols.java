package dev.kraft.builder.musl;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The symbols a failed link needed and nobody defined, from the linker's output: GNU ld's and
 * gold's {@code undefined reference to `name'} (and {@code hidden symbol `name' isn't defined}),
 * lld's {@code undefined symbol: name}. Only
 * strong references fail a link, so these are exactly the ones an archive would pull members
 * for; a weak reference left undefined is musl's way of saying "only if linked anyway".
 */
public final class UndefinedSymbols {
    private static final Pattern GNU = Pattern.compile("undefined reference to [`'‘]([A-Za-z_.$][\\w.$]*)['’]");
    private static final Pattern LLD = Pattern.compile("undefined symbol: ([A-Za-z_.$][\\w.$]*)");
    /** GNU ld on a hidden symbol no object defines (beside its undefined references). */
    private static final Pattern HIDDEN = Pattern.compile("hidden symbol [`'‘]([A-Za-z_.$][\\w.$]*)['’] isn't defined");

    private UndefinedSymbols() {}

    /** The undefined symbols the output names, each once, in the order it names them. */
    public static Set<String> in(String linkerOutput) {
        Set<String> symbols = new LinkedHashSet<>();
        for (Pattern pattern : new Pattern[] {GNU, LLD, HIDDEN}) {
            Matcher m = pattern.matcher(linkerOutput);
            while (m.find()) {
                symbols.add(m.group(1));
            }
        }
        return symbols;
    }
}
