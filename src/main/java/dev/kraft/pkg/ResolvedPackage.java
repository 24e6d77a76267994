package dev.kraft.pkg;

/**
 * A request pinned to exactly one content: the source it comes from (a git remote or an
 * archive URL), the version name the user asked for (or the default one chosen), and the pin:
 * the commit that name pointed at, or {@code sha256:<hex>} of the archive. The pin, never the
 * version name, is what caches are keyed by. {@code ref} is what the version matched: a full
 * git ref (empty when the version was a commit id itself), or {@code channel}/{@code version}
 * for a package from the index.
 */
public record ResolvedPackage(PackageRequest request, String source, String version, String ref, String pin) {
    public static final String SHA256 = "sha256:";

    /** A short, stable description for logs and placement records. */
    public String identity() {
        return source + "@" + pin;
    }

    /** The pin shortened for people: 12 hex digits, after {@code sha256:} for archives. */
    public String shortPin() {
        int length = pin.startsWith(SHA256) ? SHA256.length() + 12 : 12;
        return pin.length() > length ? pin.substring(0, length) : pin;
    }

    /** Whether the pin is an archive digest rather than a commit. */
    public boolean isArchive() {
        return pin.startsWith(SHA256);
    }

    public String sha256() {
        return isArchive() ? pin.substring(SHA256.length()) : "";
    }
}
