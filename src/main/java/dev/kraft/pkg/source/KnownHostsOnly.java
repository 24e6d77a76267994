package dev.kraft.pkg.source;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Host keys as OpenSSH checks them in batch mode: a key that known_hosts does not hold is refused,
 * never accepted quietly and never asked about (kraft runs in CI and scripts, with no one to
 * answer). StrictHostKeyChecking from {@code ~/.ssh/config} still applies, as the user's own
 * choice. A refusal says which host, which key, and how to fix it.
 */
final class KnownHostsOnly implements ServerKeyDatabase {
    private final ServerKeyDatabase openSsh;
    private final Path sshDir;

    KnownHostsOnly(ServerKeyDatabase openSsh, Path sshDir) {
        this.openSsh = openSsh;
        this.sshDir = sshDir;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return openSsh.lookup(connectAddress, remoteAddress, config);
    }

    @Override
    public boolean accept(
            String connectAddress,
            InetSocketAddress remoteAddress,
            PublicKey serverKey,
            Configuration config,
            CredentialsProvider provider) {
        // No provider: JGit's database then refuses what it would have asked about.
        if (openSsh.accept(connectAddress, remoteAddress, serverKey, config, null)) {
            return true;
        }
        throw new HostKeyRejected(message(
                connectAddress,
                serverKey,
                config,
                openSsh.lookup(connectAddress, remoteAddress, config).isEmpty()));
    }

    private String message(String connectAddress, PublicKey serverKey, Configuration config, boolean unknown) {
        String key = KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey);
        String files = config.getUserKnownHostsFiles() == null
                        || config.getUserKnownHostsFiles().isEmpty()
                ? sshDir.resolve("known_hosts").toString()
                : String.join(", ", config.getUserKnownHostsFiles());
        if (unknown) {
            return "host " + connectAddress + " is not in " + files + " (its key: " + key
                    + "); if that is the server's key, accept it once with: "
                    + sshCommand(connectAddress, config.getUsername());
        }
        return "the host key of " + connectAddress + " has changed (now " + key + ", not the one in " + files
                + "): someone may be intercepting the connection; if the server's key was really replaced, remove the old one with: ssh-keygen -R '"
                + connectAddress + "'";
    }

    /** {@code ssh [-p PORT] user@host} for a known_hosts name, {@code host} or {@code [host]:port}. */
    static String sshCommand(String connectAddress, String user) {
        String target = user == null || user.isEmpty() ? "" : user + "@";
        if (connectAddress.startsWith("[") && connectAddress.contains("]:")) {
            int close = connectAddress.indexOf("]:");
            return "ssh -p " + connectAddress.substring(close + 2) + " " + target + connectAddress.substring(1, close);
        }
        return "ssh " + target + connectAddress;
    }

    /** Why a connection was refused, carried out of Apache MINA SSHD to the message the user sees. */
    static final class HostKeyRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostKeyRejected(String message) {
            super(message);
        }
    }
}
