package dev.kraft.support;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/**
 * Failures to reach a host at all (no network, no DNS, nothing listening) told as such: the
 * JDK and JGit report them as a bare host name or an empty {@code ConnectException}, which
 * reads like nothing. Such a failure names {@link Input#ONLINE}, so the CLI can say how to work
 * from the cache instead.
 */
public final class Network {
    private Network() {}

    /**
     * Why a host could not be reached, in words; empty when the failure is something else (an
     * answer, a cut). The whole chain of causes is searched for the most telling one first: the
     * JDK reports a name that does not resolve as a ConnectException around the real cause.
     */
    public static Optional<String> unreachable(Throwable e) {
        if (caused(e, UnknownHostException.class) || caused(e, UnresolvedAddressException.class)) {
            return Optional.of("its name does not resolve: no network, or no DNS");
        }
        if (caused(e, NoRouteToHostException.class)) {
            return Optional.of("no route to it: no network");
        }
        if (caused(e, HttpConnectTimeoutException.class)) {
            return Optional.of("no answer to connect: no network, or a firewall drops it");
        }
        if (caused(e, ConnectException.class)) {
            return Optional.of("connection refused: nothing listens there, or a firewall says no");
        }
        return Optional.empty();
    }

    private static boolean caused(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A host that could not be reached for a purpose ({@code to list https://…}), as a failure naming {@link Input#ONLINE}. */
    public static KraftException unreachable(String host, String purpose, Throwable cause) {
        String why = unreachable(cause).orElseGet(() -> reason(cause));
        return new KraftException(
                ExitCode.FETCH_FAILED, Input.ONLINE, "", "cannot reach " + host + " (" + why + ") " + purpose, cause);
    }

    /** The host (and port) of a URL, or the text itself when it has none ({@code git@host:path} gives {@code host}). */
    public static String host(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null) {
                return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            }
        } catch (IllegalArgumentException e) {
            // scp-like git syntax below.
        }
        int at = url.indexOf('@');
        int colon = url.indexOf(':', at + 1);
        return colon > at + 1 ? url.substring(at + 1, colon) : url;
    }

    /** What went wrong, in a few words: an unreachable host as such, a timeout, else the innermost message. */
    public static String reason(Throwable e) {
        Optional<String> unreachable = unreachable(e);
        if (unreachable.isPresent()) {
            return unreachable.get();
        }
        if (caused(e, HttpTimeoutException.class)) {
            return "no answer in time";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof EOFException) {
            return "it ends early" + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
