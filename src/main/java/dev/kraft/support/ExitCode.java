package dev.kraft.support;

/**
 * The one exit-code table of kraft. Each kind of failure a script may want to tell apart has its
 * own code; docs/exit-codes.md lists them.
 */
public enum ExitCode {
    OK(0, "success"),
    /** Something failed that has no more precise code. */
    FAILURE(1, "a failure without a more precise code"),
    /** Bad flag, argument or combination of them. */
    USAGE(2, "usage: a bad flag, argument or combination"),
    /** The world is not as the command needs it (kernel not built yet, machine not running). */
    STATE(3, "unexpected state: not built yet, not running, a port taken"),
    /** A bug in kraft: an exception nobody expected. */
    INTERNAL(4, "a bug in kraft (run again with --log-level debug and report it)"),
    /** A file the user wrote (Kraftfile, config.yaml) is malformed or invalid. */
    INVALID_INPUT(5, "invalid input: a Kraftfile, config or index that is malformed"),
    /** Something named does not exist: a Kraftfile, a source directory, a target. */
    NOT_FOUND(6, "not found: a Kraftfile, target, package, machine or tool"),
    /** Unikraft's make (or a tool it runs) failed. */
    BUILD_FAILED(7, "the build failed: Unikraft's make or a Dockerfile builder"),
    /** A source could not be fetched: network, git or archive trouble. */
    FETCH_FAILED(8, "a source could not be fetched"),
    /** The guest crashed (Unikraft reported a crash through isa-debug-exit). */
    GUEST_CRASHED(9, "the guest crashed"),
    /** A download failed verification: wrong sha256, or an archive with entries that would escape. */
    VERIFY_FAILED(10, "a download is not what its manifest promised"),
    /** The user may not do this to a file or a process that belongs to someone else (often root, after a sudo). */
    PERMISSION_DENIED(11, "permission denied: a file or process of another user"),
    /** The build server a build was sent to stopped before it finished (bin/kraft exits with this). */
    SERVER_LOST(12, "the build server stopped before the build finished"),
    /** The hypervisor failed to start or run the machine (docker run's 125). */
    HYPERVISOR_FAILED(125, "the hypervisor failed to start or run the machine"),
    /** The hypervisor's binary is there but may not be executed (docker run's 126). */
    HYPERVISOR_NOT_EXECUTABLE(126, "the hypervisor is there but may not be executed"),
    /** The hypervisor's binary is not installed (docker run's 127). */
    HYPERVISOR_NOT_FOUND(127, "the hypervisor is not installed"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String summary;

    ExitCode(int code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    public int code() {
        return code;
    }

    /** What the code means, in a few words (the man pages' EXIT STATUS). */
    public String summary() {
        return summary;
    }
}
