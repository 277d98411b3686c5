package org.openvisit.ehr.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How OpenVisit proves to Entra that it is the app: a certificate whose private key signs a client assertion
 * (preferred: nothing secret crosses the network), or a client secret. Neither shows in {@link #toString()}.
 */
public sealed interface GraphCredential {

    /** {@code certificate} or {@code secret}. */
    String kind();

    /** A digest that tells credentials apart without revealing them. */
    String fingerprint();

    /** A client secret, as Entra's "Certificates & secrets" page showed it once. */
    record ClientSecret(String value) implements GraphCredential {
        public ClientSecret {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kind() {
            return "secret";
        }

        @Override
        public String fingerprint() {
            return sha256(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "ClientSecret[hidden]";
        }
    }

    /** A certificate uploaded to the app registration, with its RSA private key. */
    record Certificate(X509Certificate certificate, RSAPrivateKey privateKey) implements GraphCredential {
        public Certificate {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public String kind() {
            return "certificate";
        }

        @Override
        public String fingerprint() {
            try {
                return sha256(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("The certificate cannot be encoded.", e);
            }
        }

        @Override
        public String toString() {
            return "Certificate[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
