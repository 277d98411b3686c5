package org.openvisit.it.notify;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key pair and self-signed certificate of a (pretend) EHR interface engine, made by the JDK's keytool as the
 * hospital's interface team might, and the HTTPS feed's signature as docs/sms.md describes it (written here from the
 * documentation, not with OpenVisit's own code).
 */
public record EngineCertificates(X509Certificate certificate, PrivateKey key) {

    /** {@code keytool -genkeypair} with these options, e.g. {@code "-keyalg", "EC", "-groupname", "secp256r1"}. */
    public static EngineCertificates make(String... options) {
        try {
            Path store = Files.createTempDirectory("feed-cert-it").resolve("engine.p12");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "engine", "-dname", "CN=North interface engine,O=OpenVisit IT", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
            command.addAll(List.of(options));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            return new EngineCertificates((X509Certificate) ks.getCertificate("engine"),
                    (PrivateKey) ks.getKey("engine", "changeit".toCharArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM text. */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code X-OpenVisit-Signature} for {@code body} sent at {@code timestamp}: the key signs "timestamp.body". */
    public static String sign(PrivateKey key, String timestamp, byte[] body) {
        boolean ec = "EC".equals(key.getAlgorithm());
        try {
            Signature s = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            s.initSign(key);
            s.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            s.update(body);
            return (ec ? "ecdsa-sha256=" : "rsa-sha256=") + Base64.getEncoder().encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
