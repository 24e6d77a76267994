package dev.kraft.pkg.source;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * ssh-agent over its Unix socket with the JDK's own Unix domain sockets: JGit's connector needs
 * JNA and a separate artifact. The socket is {@code SSH_AUTH_SOCK} as kraft got it, or the
 * {@code IdentityAgent} of {@code ~/.ssh/config} (JGit has expanded {@code ~} and tokens in it).
 */
final class SshAgentSockets implements ConnectorFactory {
    private static final ConnectorDescriptor AUTH_SOCK = new ConnectorDescriptor() {
        @Override
        public String getIdentityAgent() {
            return SshConstants.ENV_SSH_AUTH_SOCKET;
        }

        @Override
        public String getDisplayName() {
            return "ssh-agent at $" + SshConstants.ENV_SSH_AUTH_SOCKET;
        }
    };

    private final Optional<String> authSock;

    SshAgentSockets(Optional<String> authSock) {
        this.authSock = authSock;
    }

    @Override
    public Connector create(String identityAgent, File homeDir) {
        Optional<String> socket = identityAgent == null || identityAgent.equals(SshConstants.ENV_SSH_AUTH_SOCKET)
                ? authSock
                : Optional.of(identityAgent);
        return new AgentConnection(socket.map(Path::of));
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public String getName() {
        return "kraft-unix-socket";
    }

    @Override
    public Collection<ConnectorDescriptor> getSupportedConnectors() {
        return List.of(AUTH_SOCK);
    }

    @Override
    public ConnectorDescriptor getDefaultConnector() {
        return AUTH_SOCK;
    }

    /** One connection to the agent; JGit frames the messages, this moves the bytes. */
    private static final class AgentConnection extends AbstractConnector {
        private final Optional<Path> path;
        private SocketChannel channel;

        AgentConnection(Optional<Path> path) {
            this.path = path;
        }

        @Override
        public synchronized boolean connect() {
            if (channel != null) {
                return true;
            }
            if (path.isEmpty()) {
                return false;
            }
            try {
                channel = SocketChannel.open(UnixDomainSocketAddress.of(path.get()));
                return true;
            } catch (IOException | UnsupportedOperationException e) {
                // As ssh does: an agent that cannot be reached (a stale SSH_AUTH_SOCK) leaves the key files.
                return false;
            }
        }

        @Override
        public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
            if (channel == null) {
                throw new IOException("not connected to the ssh agent at " + path.orElse(null));
            }
            prepareMessage(command, message);
            ByteBuffer request = ByteBuffer.wrap(message);
            while (request.hasRemaining()) {
                channel.write(request);
            }
            return read(toLength(command, read(4)));
        }

        private byte[] read(int length) throws IOException {
            ByteBuffer reply = ByteBuffer.allocate(length);
            while (reply.hasRemaining()) {
                if (channel.read(reply) < 0) {
                    throw new EOFException("the ssh agent at " + path.orElse(null) + " closed the connection");
                }
            }
            return reply.array();
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }
}
