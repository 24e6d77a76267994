package dev.kraft.pkg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;

class GitSshTest {
    private static final Path HOME = Path.of("/home/me");

    @Test
    void aRefusedHostKeyIsToldInItsOwnWordsHoweverDeepJGitWrappedIt() {
        Throwable failure = new TransportException(
                "ssh://x: Cannot log in",
                new IOException(new KnownHostsOnly.HostKeyRejected("host x is not in known_hosts")));
        assertEquals(Optional.of("host x is not in known_hosts"), new GitSsh(HOME, Optional.empty()).explain(failure));
    }

    @Test
    void noAcceptedKeySaysWhereKeysWereLookedFor() {
        Throwable failure = new TransportException(
                "ssh://x",
                new SshException(
                        SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                        "No more authentication methods available"));
        String withoutAgent =
                new GitSsh(HOME, Optional.empty()).explain(failure).orElseThrow();
        assertTrue(
                withoutAgent.contains(
                        "the id_* keys in /home/me/.ssh, the IdentityFile of /home/me/.ssh/config, no ssh-agent"),
                withoutAgent);
        String withAgent = new GitSsh(HOME, Optional.of("/run/agent.sock"))
                .explain(failure)
                .orElseThrow();
        assertTrue(withAgent.contains("/home/me/.ssh/config and ssh-agent's;"), withAgent);
    }

    @Test
    void otherFailuresAreLeftToTheirOwnMessage() {
        assertEquals(
                Optional.empty(),
                new GitSsh(HOME, Optional.empty()).explain(new TransportException("Connection refused")));
    }
}
