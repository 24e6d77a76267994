package dev.kraft.log;

import java.util.Map;

/**
 * Whether colour escapes may be written: never to something that is not a terminal, never when
 * the user said no (NO_COLOR, TERM=dumb, --no-color), forced on by FORCE_COLOR or CLICOLOR_FORCE.
 */
public final class ColorPolicy {
    private ColorPolicy() {}

    public static boolean useColor(Map<String, String> env, boolean noColorFlag, boolean terminal) {
        if (noColorFlag || isSet(env, "NO_COLOR") || "dumb".equals(env.get("TERM"))) {
            return false;
        }
        if (isSet(env, "FORCE_COLOR") || (isSet(env, "CLICOLOR_FORCE") && !"0".equals(env.get("CLICOLOR_FORCE")))) {
            return true;
        }
        return terminal && !"0".equals(env.get("CLICOLOR"));
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isEmpty();
    }
}
