package dev.kraft.cli;

/**
 * How a command fetches components: offline or not, asking every remote again
 * ({@code --force-pull}), from git rather than index archives ({@code --git}).
 */
record Fetching(boolean offline, boolean refresh, boolean git) {
    /** What a command without such flags does: online unless configured otherwise, caches trusted, archives preferred. */
    static final Fetching DEFAULT = new Fetching(false, false, false);
}
