package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unreachable hosts told as such, however deep the JDK buries why. */
class NetworkTest {
    private static <T extends Throwable> T causedBy(T e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    @Test
    void aNameThatDoesNotResolveIsNoNetworkEvenInsideAConnectException() {
        // What java.net.http throws for a name it cannot resolve: ConnectException around ConnectException around the
        // real cause.
        IOException e =
                causedBy(new ConnectException(), causedBy(new ConnectException(), new UnresolvedAddressException()));
        assertEquals(Optional.of("its name does not resolve: no network, or no DNS"), Network.unreachable(e));
        assertEquals(
                Optional.of("connection refused: nothing listens there, or a firewall says no"),
                Network.unreachable(new IOException(new ConnectException("Connection refused"))));
        assertEquals(Optional.empty(), Network.unreachable(new EOFException("cut")));
    }

    @Test
    void anUnreachableHostNamesGoingOnlineSoTheCliCanOfferTheCache() {
        KraftException e = Network.unreachable(
                "github.com",
                "to list https://github.com/unikraft/unikraft.git",
                causedBy(new ConnectException(), new UnresolvedAddressException()));
        assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
        assertEquals(Optional.of(Input.ONLINE), e.input());
        assertEquals(
                "cannot reach github.com (its name does not resolve: no network, or no DNS) to list https://github.com/unikraft/unikraft.git",
                e.getMessage());
    }

    @Test
    void hostsOfUrlsAndGitsScpLikeSyntax() {
        assertEquals("github.com", Network.host("https://github.com/unikraft/unikraft.git"));
        assertEquals("127.0.0.1:8080", Network.host("http://127.0.0.1:8080/index.yaml"));
        assertEquals("example.com", Network.host("git@example.com:org/repo.git"));
        assertEquals(
                "it ends early (after 3 bytes)", Network.reason(new IOException(new EOFException("after 3 bytes"))));
    }
}
