package dev.kraft.support;

/**
 * How far one piece of long work got (a download, a clone, make's compiling), told to whoever
 * shows it: the console draws a bar on a terminal and writes a line every few seconds
 * elsewhere. Domain code gets a {@link ProgressSink}; the CLI binds it to the console.
 */
public interface Progress extends AutoCloseable {
    /** What the counts count. */
    enum Unit {
        BYTES,
        FILES
    }

    /** A progress nobody shows. */
    Progress NONE = new Progress() {
        @Override
        public void update(long done, long total) {}

        @Override
        public void close() {}
    };

    /** @param total what done goes up to, or a negative number when that is not known (yet) */
    void update(long done, long total);

    /** The tool's latest line (make's {@code CC libfoo: bar.o}): shown beside the bar, logged at debug elsewhere. */
    default void detail(String line) {}

    /** The work ended (well or not): the bar goes away. */
    @Override
    void close();
}
