package dev.kraft.pkg.source;

import dev.kraft.support.Digests;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/** Matching a version the user wrote against a remote's refs, the way Unikraft names releases. */
final class GitRefs {
    private GitRefs() {}

    /** A ref a version matched, and the commit it points at. */
    record Match(String ref, String commit) {}

    /**
     * A branch, then a tag, then Unikraft's release tag ({@code 0.17.0} → {@code RELEASE-0.17.0}),
     * then a {@code v}-prefixed tag.
     *
     * @param refs full ref names to the commits they point at, as {@link #commits} makes them
     */
    static Optional<Match> find(Map<String, String> refs, String version) {
        for (String name : List.of(
                Constants.R_HEADS + version,
                Constants.R_TAGS + version,
                Constants.R_TAGS + "RELEASE-" + version,
                Constants.R_TAGS + "v" + version)) {
            if (refs.containsKey(name)) {
                return Optional.of(new Match(name, refs.get(name)));
            }
        }
        return Optional.empty();
    }

    /** A remote's refs as names to commits; annotated tags answer the commit they point at. */
    static Map<String, String> commits(Collection<Ref> refs) {
        Map<String, String> commits = new LinkedHashMap<>();
        for (Ref ref : refs) {
            ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
            commits.put(ref.getName(), id.name());
        }
        return commits;
    }

    /** KraftKit's rule: the {@code stable} channel when the remote has one, else its first branch. */
    static Optional<String> defaultBranch(Map<String, String> refs) {
        if (find(refs, "stable").isPresent()) {
            return Optional.of("stable");
        }
        return refs.keySet().stream()
                .filter(n -> n.startsWith(Constants.R_HEADS))
                .map(n -> n.substring(Constants.R_HEADS.length()))
                .sorted()
                .findFirst();
    }

    static boolean looksLikeCommit(String version) {
        return version.length() >= 7
                && version.length() <= 40
                && version.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** A directory name for a remote: readable, and unique through a hash of the whole URL. */
    static String slug(String url) {
        String readable = url.replaceFirst("^[a-z+]+://", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 60) {
            readable = readable.substring(readable.length() - 60);
        }
        return readable + "-" + Digests.sha256(url).substring(0, 12);
    }
}
