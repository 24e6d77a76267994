package dev.kraft.support;

/**
 * The one exit-code table of kraft. Each kind of failure a script may want to tell apart has its
 * own code; docs/exit-codes.md lists them.
 */
public enum ExitCode {
    OK(0),
    /** Something failed that has no more precise code. */
    FAILURE(1),
    /** Bad flag, argument or combination of them. */
    USAGE(2),
    /** The world is not as the command needs it (kernel not built yet, machine not running). */
    STATE(3),
    /** A bug in kraft: an exception nobody expected. */
    INTERNAL(4),
    /** A file the user wrote (Kraftfile, config.yaml) is malformed or invalid. */
    INVALID_INPUT(5),
    /** Something named does not exist: a Kraftfile, a source directory, a target. */
    NOT_FOUND(6),
    /** Unikraft's make (or a tool it runs) failed. */
    BUILD_FAILED(7),
    /** A source could not be fetched: network, git or archive trouble. */
    FETCH_FAILED(8),
    /** The guest crashed (Unikraft reported a crash through isa-debug-exit). */
    GUEST_CRASHED(9),
    /** A download failed verification: wrong sha256, or an archive with entries that would escape. */
    VERIFY_FAILED(10),
    /** The user may not do this to a file or a process that belongs to someone else (often root, after a sudo). */
    PERMISSION_DENIED(11),
    /** The hypervisor failed to start or run the machine (docker run's 125). */
    HYPERVISOR_FAILED(125),
    /** The hypervisor's binary is there but may not be executed (docker run's 126). */
    HYPERVISOR_NOT_EXECUTABLE(126),
    /** The hypervisor's binary is not installed (docker run's 127). */
    HYPERVISOR_NOT_FOUND(127),
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
