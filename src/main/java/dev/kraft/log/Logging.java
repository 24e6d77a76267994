package dev.kraft.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Libraries (JGit, Apache MINA SSHD) log through SLF4J to Logback, which is quiet by default
 * (logback.xml: warn, error for ssh sessions). Only at debug or trace does kraft raise every
 * library logger, and only then is Logback touched at start-up.
 */
public final class Logging {
    /** The levels loggers had before a debug run raised them. */
    private static final Map<Logger, Optional<Level>> RAISED = new ConcurrentHashMap<>();

    private Logging() {}

    public static void applyLibraryLevel(LogLevel level) {
        if (level.compareTo(LogLevel.DEBUG) > 0) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Logger logger : context.getLoggerList()) {
            RAISED.putIfAbsent(logger, Optional.ofNullable(logger.getLevel()));
            if (logger != root) {
                logger.setLevel(null);
            }
        }
        root.setLevel(level == LogLevel.TRACE ? Level.TRACE : Level.DEBUG);
    }

    /** Puts back the levels a debug run raised: the build server runs many commands in one JVM. */
    public static void restoreLibraryLevels() {
        RAISED.forEach((logger, level) -> logger.setLevel(level.orElse(null)));
        RAISED.clear();
    }
}
