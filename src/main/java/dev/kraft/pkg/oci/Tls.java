package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for registries: the JVM's own CAs, plus those of {@code oci.ca_file} when set
 * (a private registry's self-signed CA). Verification is never switched off; a CA is added.
 */
public final class Tls {
    private Tls() {}

    public static SSLContext context(Optional<Path> caFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (caFile.isEmpty()) {
                context.init(null, null, null);
                return context;
            }
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(caFile.get())) {
                for (Certificate certificate :
                        CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    extra.setCertificateEntry("ca-" + n++, certificate);
                }
            }
            if (n == 0) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT, "oci.ca_file " + caFile.get() + ": no PEM certificate in it");
            }
            context.init(null, new TrustManager[] {new Either(trust(null), trust(extra))}, null);
            return context;
        } catch (IOException e) {
            throw new KraftException(ExitCode.INVALID_INPUT, "oci.ca_file " + caFile.get() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    "oci.ca_file " + caFile.orElse(null) + ": not usable: " + e.getMessage(),
                    e);
        }
    }

    private static X509TrustManager trust(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server chain either the JVM's CAs or the configured ones vouch for. */
    private record Either(X509TrustManager system, X509TrustManager configured) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            system.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                system.checkServerTrusted(chain, authType);
            } catch (CertificateException notSystem) {
                configured.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = system.getAcceptedIssuers();
            X509Certificate[] b = configured.getAcceptedIssuers();
            X509Certificate[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
