package dev.kraft.pkg;

/**
 * A request pinned to exactly one content: the source it comes from, the version name the user
 * asked for (or the default one chosen), and the commit that name pointed at when resolved.
 * The commit, never the version name, is what the cache is keyed by. {@code ref} is the full
 * name (branch or tag) the version matched, empty when the version was a commit id itself.
 */
public record ResolvedPackage(PackageRequest request, String source, String version, String ref, String commit) {

    /** A short, stable description for logs and placement records. */
    public String identity() {
        return source + "@" + commit;
    }

    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
