package dev.kraft.unikraft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ordered set of Kconfig assignments, {@code CONFIG_X -> value}. Values are kept as Kconfig
 * writes them: {@code y}, {@code n}, a number, or a plain string (unquoted here; quoting is the
 * writer's business). Immutable; {@link #with} returns a merged copy where later values win.
 */
public final class KConfig {
    private static final KConfig EMPTY = new KConfig(Map.of());
    /** Kconfig's symbol grammar, with the prefix every .config line carries. */
    private static final Pattern SYMBOL = Pattern.compile("CONFIG_[A-Za-z0-9_]+");

    private final Map<String, String> values;

    private KConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static KConfig empty() {
        return EMPTY;
    }

    public static KConfig of(Map<String, String> values) {
        Map<String, String> normalised = new LinkedHashMap<>();
        values.forEach((key, value) -> normalised.put(symbol(key), value));
        return new KConfig(normalised);
    }

    /** Whether a key (prefix added) is a symbol Kconfig can read: anything else would break the .config line. */
    public static boolean isSymbol(String key) {
        return SYMBOL.matcher(symbol(key)).matches();
    }

    /**
     * Whether a value fits on its .config line: Kconfig reads one line per symbol, so a line
     * break (or another control character, tab aside) would smuggle in another assignment.
     */
    public static boolean isOneLine(String value) {
        return value.chars().noneMatch(c -> c != '\t' && Character.isISOControl(c));
    }

    /** Adds the CONFIG_ prefix that Kraftfiles may leave out. */
    public static String symbol(String key) {
        return key.startsWith("CONFIG_") ? key : "CONFIG_" + key;
    }

    public KConfig with(KConfig later) {
        if (later.values.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        later.values.forEach((key, value) -> {
            merged.remove(key);
            merged.put(key, value);
        });
        return new KConfig(merged);
    }

    public KConfig with(String key, String value) {
        return with(of(Map.of(key, value)));
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KConfig k && k.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
