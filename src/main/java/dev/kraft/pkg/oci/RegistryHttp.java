package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Network;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * HTTP to registries: https, or plain http for loopback hosts and {@code oci.insecure_registries}
 * when https fails other than on a certificate; redirects followed by hand, so credentials
 * never reach another host and https never turns into http; a 401 answered once.
 */
final class RegistryHttp {
    private static final int MAX_REDIRECTS = 5;
    private final HttpClient client;
    private final Duration timeout;
    private final Set<String> insecure;
    private final RegistryLogin login;
    private final Map<String, URI> bases = new HashMap<>();

    RegistryHttp(SSLContext tls, Set<String> insecure, Duration timeout, RegistryAuth.Credentials credentials) {
        this.client = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.insecure = insecure;
        this.login = new RegistryLogin(this, credentials);
    }

    /** {@code https://host/v2/} or {@code http://host/v2/}, found once per host by asking {@code /v2/}. */
    URI base(ImageRef ref) {
        return bases.computeIfAbsent(ref.endpoint(), host -> {
            URI https = URI.create("https://" + host + "/v2/");
            if (!ref.loopback() && !insecure.contains(host)) {
                return https;
            }
            try {
                raw(request(https).GET(), HttpResponse.BodyHandlers.discarding());
                return https;
            } catch (KraftException e) {
                if (certificateProblem(e)) {
                    throw e;
                }
                return URI.create("http://" + host + "/v2/");
            }
        });
    }

    /** Sends with this repository's credentials for the scope (pull, or pull,push), answering one 401. */
    <T> HttpResponse<T> send(
            ImageRef ref, String scope, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return exchange(ref, scope, request, body);
        } catch (IOException e) {
            throw failure(request.build(), e);
        }
    }

    /** {@link #send}, with a failure to talk to the registry at all left to the caller, who may try again. */
    <T> HttpResponse<T> exchange(
            ImageRef ref, String scope, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException {
        Optional<String> auth = login.header(ref, scope);
        auth.ifPresent(a -> request.setHeader("Authorization", a));
        HttpResponse<T> response = exchange(request, body);
        if (response.statusCode() == 401) {
            close(response);
            String header = login.answer(
                    ref,
                    scope,
                    response.headers().firstValue("WWW-Authenticate").orElse(""),
                    auth.isPresent());
            request.setHeader("Authorization", header);
            response = exchange(request, body);
            if (response.statusCode() == 401) {
                close(response);
                throw login.refused(ref);
            }
        }
        return response;
    }

    /** One exchange, following redirects; Authorization stays with the host it was meant for. */
    <T> HttpResponse<T> raw(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body) {
        try {
            return exchange(builder, body);
        } catch (IOException e) {
            throw failure(builder.build(), e);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body)
            throws IOException {
        HttpRequest request = builder.setHeader("User-Agent", "kraft").build();
        try {
            for (int hops = 0; ; hops++) {
                HttpResponse<T> response = client.send(request, body);
                Optional<String> location = response.headers().firstValue("Location");
                int status = response.statusCode();
                if (!(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                        || location.isEmpty()
                        || !request.method().equals("GET") && !request.method().equals("HEAD")) {
                    return response;
                }
                close(response);
                URI next = request.uri().resolve(location.get());
                if (hops == MAX_REDIRECTS
                        || request.uri().getScheme().equals("https") && !"https".equals(next.getScheme())) {
                    throw new KraftException(ExitCode.FETCH_FAILED, request.uri() + ": refused redirect to " + next);
                }
                HttpRequest.Builder redirected =
                        request(next).method(request.method(), HttpRequest.BodyPublishers.noBody());
                if (next.getAuthority().equals(request.uri().getAuthority())) {
                    request.headers()
                            .firstValue("Authorization")
                            .ifPresent(a -> redirected.setHeader("Authorization", a));
                }
                for (String kept : List.of("Accept", "Range", "If-Range")) {
                    request.headers().firstValue(kept).ifPresent(v -> redirected.setHeader(kept, v));
                }
                request = redirected.build();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted: " + request.uri());
        }
    }

    /** A failure to talk to the registry, in one line: an unreachable host as such, an untrusted certificate with what to do. */
    static KraftException failure(HttpRequest request, IOException e) {
        if (!certificateProblem(e) && Network.unreachable(e).isPresent()) {
            return Network.unreachable(request.uri().getAuthority(), "to " + request.method() + " " + request.uri(), e);
        }
        return new KraftException(ExitCode.FETCH_FAILED, request.method() + " " + request.uri() + ": " + reason(e), e);
    }

    /** How long a response may take to start, and a body may go without a byte. */
    Duration timeout() {
        return timeout;
    }

    /** A request that must see the response's headers within the timeout (uploads set a longer one). */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    static void close(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // The connection is dropped; nothing else depends on it.
            }
        }
    }

    private static boolean certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(IOException e) {
        if (certificateProblem(e)) {
            return "the registry's TLS certificate is not trusted (" + Network.reason(e)
                    + "); give its CA with oci.ca_file in config.yaml";
        }
        return Network.reason(e);
    }
}
