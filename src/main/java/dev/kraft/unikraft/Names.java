package dev.kraft.unikraft;

import java.util.Locale;
import java.util.regex.Pattern;

/** Unikraft's rules for names that end up in Kconfig and file names. */
public final class Names {
    /**
     * A library's name becomes a directory ({@code .unikraft/libs/<name>}) and a Kconfig symbol
     * ({@code CONFIG_LIB<NAME>}): nothing that climbs, nothing Kconfig cannot spell, and short
     * enough for a file name with its suffixes.
     */
    private static final Pattern LIBRARY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /**
     * The longest project or target name: the kernel's file name adds {@code _<plat>-<arch>.dbg}
     * and Unikraft's build adds longer suffixes to it, within a file name's 255 bytes.
     */
    public static final int MAX_KERNEL_NAME = 64;
    /** What {@link #isLibraryName} accepts, for messages. */
    public static final String LIBRARY_NAME_RULE = "lower-case letters, digits, _ and -, at most 63";

    private Names() {}

    public static boolean isLibraryName(String name) {
        return LIBRARY_NAME.matcher(name).matches();
    }

    /**
     * The name as {@code CONFIG_UK_NAME} and the kernel file use it: lower case, only
     * {@code [a-z0-9_-]}, other characters replaced by {@code _}, no leading {@code _} or {@code -}.
     */
    public static String normalise(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
        }
        int start = 0;
        while (start < out.length() && (out.charAt(start) == '_' || out.charAt(start) == '-')) {
            start++;
        }
        return out.substring(start);
    }

    /** {@code musl} → {@code CONFIG_LIBMUSL}; {@code lib-lwip} and {@code libfoo} keep one LIB. */
    public static String libraryKconfigSymbol(String libraryName) {
        String upper = libraryName.toUpperCase(Locale.ROOT).replace('-', '_');
        if (upper.startsWith("LIB_")) {
            upper = upper.substring(4);
        } else if (upper.startsWith("LIB")) {
            upper = upper.substring(3);
        }
        return "CONFIG_LIB" + upper;
    }
}
