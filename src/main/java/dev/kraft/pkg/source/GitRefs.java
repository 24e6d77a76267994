package dev.kraft.pkg.source;

import dev.kraft.support.Digests;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/** Matching a version the user wrote against a remote's refs, the way Unikraft names releases. */
final class GitRefs {
    private GitRefs() {
    }

    /** A ref a version matched, and the commit it points at. */
    record Match(String ref, String commit) {
    }

    /**
     * A branch, then a tag, then Unikraft's release tag ({@code 0.17.0} → {@code RELEASE-0.17.0}),
     * then a {@code v}-prefixed tag; annotated tags answer the commit they point at.
     */
    static Optional<Match> find(Collection<Ref> refs, String version) {
        for (String name : List.of(Constants.R_HEADS + version, Constants.R_TAGS + version,
                Constants.R_TAGS + "RELEASE-" + version, Constants.R_TAGS + "v" + version)) {
            for (Ref ref : refs) {
                if (ref.getName().equals(name)) {
                    ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                    return Optional.of(new Match(name, id.name()));
                }
            }
        }
        return Optional.empty();
    }

    static boolean looksLikeCommit(String version) {
        return version.length() >= 7 && version.length() <= 40 && version.chars().allMatch(c -> Character.digit(c, 16) >= 0);
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
