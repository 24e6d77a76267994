package dev.kraft.pkg.source;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.DefaultProxyDataFactory;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * How git talks ssh ({@code ssh://} and {@code user@host:path} remotes): as OpenSSH would for the
 * HOME kraft runs with. Keys come from that HOME's {@code .ssh} (id_ed25519, id_rsa, …, and any
 * IdentityFile of {@code .ssh/config}) and from the agent at {@code SSH_AUTH_SOCK}; host keys must
 * be in its known_hosts. JGit would otherwise take Java's {@code user.home}, which comes from the
 * password database, not from {@code $HOME}.
 */
public final class GitSsh {
    private final Path home;
    private final Optional<String> agentSocket;
    private SshdSessionFactory sessions;

    /** @param agentSocket the {@code SSH_AUTH_SOCK} kraft was started with, if any */
    public GitSsh(Path home, Optional<String> agentSocket) {
        this.home = home;
        this.agentSocket = agentSocket;
    }

    /** Makes a JGit command (and the submodule clones it starts) use this ssh set-up. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        return command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sessions());
            }
        });
    }

    /** Made on first use: Apache MINA SSHD costs start-up time that builds without ssh remotes should not pay. */
    private synchronized SshdSessionFactory sessions() {
        if (sessions == null) {
            sessions = new KraftSessionFactory(new SshAgentSockets(agentSocket));
            sessions.setHomeDirectory(home.toFile());
            sessions.setSshDirectory(sshDir().toFile());
        }
        return sessions;
    }

    private Path sshDir() {
        return home.resolve(".ssh");
    }

    /**
     * What a user can act on when an ssh connection failed: a refused host key, or no key the
     * server took. JGit's own words for the latter ("No more authentication methods available")
     * say neither which keys were offered nor where they came from.
     */
    Optional<String> explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KnownHostsOnly.HostKeyRejected) {
                return Optional.of(cause.getMessage());
            }
            if (cause instanceof SshException ssh
                    && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                return Optional.of("the server took none of the keys offered: the id_* keys in " + sshDir()
                        + ", the IdentityFile of "
                        + sshDir().resolve("config")
                        + (agentSocket.isPresent() ? " and ssh-agent's" : ", no ssh-agent (SSH_AUTH_SOCK is not set)")
                        + "; a key with a passphrase is used only through ssh-agent");
            }
        }
        return Optional.empty();
    }

    private static final class KraftSessionFactory extends SshdSessionFactory {
        private final ConnectorFactory agents;

        KraftSessionFactory(ConnectorFactory agents) {
            super(new JGitKeyCache(), new DefaultProxyDataFactory());
            this.agents = agents;
        }

        @Override
        protected ServerKeyDatabase createServerKeyDatabase(File homeDir, File sshDir) {
            return new KnownHostsOnly(super.createServerKeyDatabase(homeDir, sshDir), sshDir.toPath());
        }

        @Override
        protected ConnectorFactory getConnectorFactory() {
            return agents;
        }
    }
}
