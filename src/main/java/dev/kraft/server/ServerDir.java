package dev.kraft.server;

import dev.kraft.config.KraftDirs;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The build server's private directory, {@code <data dir>/server}: its pid, its state, its log,
 * and the requests clients make in it. Only its owner may enter it (mode 0700); the launcher
 * and the server both refuse one that is a link, another user's, or open to others, because
 * whoever can write there could make the server run builds as its user.
 */
public record ServerDir(Path path) {
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    public static ServerDir of(KraftDirs dirs) {
        return new ServerDir(dirs.data().resolve("server"));
    }

    /** The server's pid, written when it is ready to serve (the launcher reads it). */
    public Path pidFile() {
        return path.resolve("pid");
    }

    /** Since when, from which jar, requests served (kraft server status). */
    Path stateFile() {
        return path.resolve("state");
    }

    /** Held by the running server for its whole life: the truth about whether one runs. */
    Path lockFile() {
        return path.resolve("lock");
    }

    public Path logFile() {
        return path.resolve("log");
    }

    /** Creates the directory, private, if it is not there; refuses one that is not private and ours. */
    public void prepare() throws IOException {
        Files.createDirectories(path.getParent());
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PRIVATE));
                Files.setPosixFilePermissions(path, PRIVATE);
            } catch (FileAlreadyExistsException e) {
                // Another kraft made it at the same moment: checked below like any other.
            }
        }
        check();
    }

    /** Throws unless the directory is a real directory of this user that nobody else may enter. */
    public void check() throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw refused("is not a directory");
        }
        if (!attributes.owner().equals(currentUser())) {
            throw refused("belongs to " + attributes.owner().getName());
        }
        if (!attributes.permissions().equals(PRIVATE)) {
            throw refused("may be entered by other users (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + "; chmod 700 it)");
        }
    }

    static UserPrincipal currentUser() throws IOException {
        return FileSystems.getDefault()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
    }

    private KraftException refused(String why) {
        return new KraftException(ExitCode.PERMISSION_DENIED, "the build server's directory " + path + " " + why);
    }
}
