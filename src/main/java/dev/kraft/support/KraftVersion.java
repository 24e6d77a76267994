package dev.kraft.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** kraft's own version, from the build's {@code version.properties}; "unknown" without it. */
public final class KraftVersion {
    private KraftVersion() {
    }

    public static String number() {
        Properties build = new Properties();
        try (InputStream in = KraftVersion.class.getResourceAsStream("/dev/kraft/version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // A missing version file only makes the answer less precise.
        }
        return build.getProperty("version", "unknown");
    }
}
