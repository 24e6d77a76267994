package dev.kraft.builder.kconfig;

import dev.kraft.unikraft.KConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what was asked for with what make's configure kept. Kconfig silently drops values
 * it cannot honour (a symbol no Config.uk defines, {@code =n} on a symbol something selects),
 * and KraftKit never says so; kraft names each one.
 */
public final class KConfigCheck {
    private KConfigCheck() {}

    public static List<String> lostValues(KConfig requested, KConfig actual) {
        List<String> lost = new ArrayList<>();
        Map<String, String> kept = actual.asMap();
        requested.asMap().forEach((key, want) -> {
            String got = kept.get(key);
            if (got == null && !want.equals("n")) {
                lost.add(key + "=" + want + " was dropped: no Config.uk defines it, or its dependencies are not met");
            } else if (got != null && !got.equals(want)) {
                lost.add(
                        key + "=" + want + " became " + got + (want.equals("n") ? " (another option selects it)" : ""));
            }
        });
        return lost;
    }
}
