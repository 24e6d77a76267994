package dev.kraft.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Libraries (JGit) log through SLF4J to Logback, which is quiet by default (logback.xml: warn).
 * Only at debug or trace does kraft raise it, and only then is Logback touched at start-up.
 */
public final class Logging {
    private Logging() {
    }

    public static void applyLibraryLevel(LogLevel level) {
        if (level.compareTo(LogLevel.DEBUG) > 0) {
            return;
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level == LogLevel.TRACE ? Level.TRACE : Level.DEBUG);
    }
}
