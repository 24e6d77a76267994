package dev.kraft.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * kraft's own version, the commit it was built from and when, from the build's
 * {@code version.properties} and {@code commit.properties}; "unknown" without them.
 */
public final class KraftVersion {
    private KraftVersion() {}

    public static String number() {
        return read("version.properties", "version");
    }

    /** The commit's short id, as git names it. */
    public static String commit() {
        return read("commit.properties", "commit");
    }

    /** When the jar was built, RFC 3339 in UTC. */
    public static String built() {
        return read("version.properties", "built");
    }

    private static String read(String file, String key) {
        Properties build = new Properties();
        try (InputStream in = KraftVersion.class.getResourceAsStream("/dev/kraft/" + file)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // A missing file only makes the answer less precise.
        }
        String value = build.getProperty(key, "unknown");
        return value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
