package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.Entry;
import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.kraftfile.YamlNode.ScalarType;
import dev.kraft.support.Quoted;
import dev.kraft.support.Suggestions;
import dev.kraft.unikraft.KConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Typed reads of Kraftfile nodes. Every string passes through the interpolator; every mismatch
 * becomes an error at the node's place that names the key and what was expected.
 */
final class Nodes {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private final Interpolator interpolator;
    private final Consumer<String> warn;

    /** @param warn where to say what is accepted but worth a look (a Kconfig key repeated with its value) */
    Nodes(Interpolator interpolator, Consumer<String> warn) {
        this.interpolator = interpolator;
        this.warn = warn;
    }

    MapNode map(String key, YamlNode node) {
        if (node instanceof MapNode map) {
            return map;
        }
        throw wrongType(key, node, "a map");
    }

    /** A scalar as text: strings interpolated, numbers and booleans as written. */
    String string(String key, YamlNode node) {
        if (node instanceof Scalar scalar && scalar.type() != ScalarType.NULL) {
            return scalar.type() == ScalarType.STRING ? interpolator.apply(scalar.text(), scalar.at()) : scalar.text();
        }
        throw wrongType(key, node, "a string");
    }

    /** A list of strings, or one string standing for a list of one. */
    List<String> stringList(String key, YamlNode node) {
        if (node instanceof ListNode list) {
            List<String> values = new ArrayList<>();
            for (YamlNode item : list.items()) {
                values.add(string(key, item));
            }
            return List.copyOf(values);
        }
        if (node instanceof Scalar scalar && scalar.type() == ScalarType.NULL) {
            return List.of();
        }
        return List.of(string(key, node));
    }

    /** A map of strings, or a list of {@code K=V} items ({@code K} alone means an empty value). */
    Map<String, String> keyValues(String key, YamlNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node instanceof MapNode map) {
            for (Entry entry : map.entries()) {
                values.put(entry.key(), scalarOrEmpty(entry.key(), entry.value()));
            }
        } else if (node instanceof ListNode list) {
            for (YamlNode item : list.items()) {
                String text = string(key, item);
                int equals = text.indexOf('=');
                values.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        } else if (!(node instanceof Scalar scalar && scalar.type() == ScalarType.NULL)) {
            throw wrongType(key, node, "a map or a list of K=V");
        }
        return values;
    }

    /**
     * Kconfig values: a map ({@code CONFIG_X: y}; YAML booleans become y/n) or a list of
     * {@code CONFIG_X=value}, where a missing value is an error as in KraftKit.
     */
    KConfig kconfig(String key, YamlNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Location> places = new HashMap<>();
        if (node instanceof MapNode map) {
            for (Entry entry : map.entries()) {
                String symbol = kconfigSymbol(entry.key(), entry.keyAt());
                assign(
                        values,
                        places,
                        symbol,
                        oneLine(
                                kconfigValue(entry.key(), entry.value()),
                                entry.value().at()),
                        entry.keyAt());
            }
        } else if (node instanceof ListNode list) {
            for (YamlNode item : list.items()) {
                String text = string(key, item);
                int equals = text.indexOf('=');
                if (equals <= 0) {
                    throw new KraftfileException(
                            item.at(), "kconfig item " + Quoted.of(text) + " needs a value (CONFIG_X=value)");
                }
                assign(
                        values,
                        places,
                        kconfigSymbol(text.substring(0, equals), item.at()),
                        oneLine(text.substring(equals + 1), item.at()),
                        item.at());
            }
        } else if (!(node instanceof Scalar scalar && scalar.type() == ScalarType.NULL)) {
            throw wrongType(key, node, "a map or a list of CONFIG_X=value");
        }
        return KConfig.of(values);
    }

    /**
     * A key set twice: with the same value it is harmless (KraftKit, whose YAML library lets the
     * last win, accepts it, and catalog Kraftfiles do it), so a warning; with another value one
     * of them is a mistake kraft will not pick for you.
     */
    private void assign(
            Map<String, String> values, Map<String, Location> places, String key, String value, Location at) {
        String symbol = KConfig.symbol(key);
        String before = values.get(symbol);
        Location first = places.putIfAbsent(symbol, at);
        if (before == null) {
            values.put(symbol, value);
        } else if (before.equals(value)) {
            warn.accept(at + ": " + symbol + " is set again to the same value (first at " + first.line() + ":"
                    + first.column() + "); remove one");
        } else {
            throw new KraftfileException(
                    at,
                    symbol + " is set to " + Quoted.of(value) + " here and to " + Quoted.of(before) + " at "
                            + first.line() + ":" + first.column() + "; keep one");
        }
    }

    /** The environment compiled into a kernel: names as a shell writes them, values of one line. */
    Map<String, String> environment(String key, YamlNode node) {
        Map<String, String> values = keyValues(key, node);
        for (Map.Entry<String, String> variable : values.entrySet()) {
            Location at = placeOf(node, variable.getKey());
            if (!ENV_NAME.matcher(variable.getKey()).matches()) {
                throw new KraftfileException(
                        at,
                        Quoted.of(variable.getKey()) + " is not a variable name (a letter or _, then letters, "
                                + "digits and _)");
            }
            oneLine(variable.getValue(), at);
        }
        return values;
    }

    boolean bool(String key, YamlNode node) {
        if (node instanceof Scalar scalar && scalar.type() == ScalarType.BOOLEAN) {
            return scalar.isTrue();
        }
        throw wrongType(key, node, "true or false");
    }

    /** Fails on the first key that is not allowed, suggesting the nearest allowed one. */
    static void onlyKeys(MapNode map, Set<String> allowed, String where) {
        for (Entry entry : map.entries()) {
            if (!allowed.contains(entry.key()) && !entry.key().startsWith("x-")) {
                throw new KraftfileException(
                        entry.keyAt(),
                        "unknown field " + Quoted.of(entry.key()) + where + Suggestions.hint(entry.key(), allowed));
            }
        }
    }

    static KraftfileException wrongType(String key, YamlNode node, String expected) {
        return new KraftfileException(node.at(), Quoted.of(key) + " must be " + expected + ", not " + node.kind());
    }

    private String scalarOrEmpty(String key, YamlNode node) {
        return node instanceof Scalar scalar && scalar.type() == ScalarType.NULL ? "" : string(key, node);
    }

    private static String kconfigSymbol(String key, Location at) {
        if (!KConfig.isSymbol(key)) {
            throw new KraftfileException(
                    at, Quoted.of(key) + " is not a Kconfig symbol (CONFIG_ followed by letters, digits and _)");
        }
        return key;
    }

    private static String oneLine(String value, Location at) {
        if (!KConfig.isOneLine(value)) {
            throw new KraftfileException(
                    at,
                    "the value " + Quoted.of(value) + " spans lines or holds control characters; it must be one line");
        }
        return value;
    }

    /** Where a {@link #keyValues} entry was written: its key in a map, its item in a list. */
    private static Location placeOf(YamlNode node, String name) {
        if (node instanceof MapNode map) {
            return map.entry(name).map(Entry::keyAt).orElse(node.at());
        }
        if (node instanceof ListNode list) {
            for (YamlNode item : list.items()) {
                if (item instanceof Scalar scalar
                        && (scalar.text().equals(name) || scalar.text().startsWith(name + "="))) {
                    return item.at();
                }
            }
        }
        return node.at();
    }

    private String kconfigValue(String key, YamlNode node) {
        if (node instanceof Scalar scalar && scalar.type() == ScalarType.BOOLEAN) {
            return scalar.isTrue() ? "y" : "n";
        }
        return string(key, node);
    }
}
