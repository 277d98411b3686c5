package org.openvisit.notify.application;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key pair and self-signed certificate of a (pretend) EHR interface engine, made by the JDK's keytool as a hospital's
 * interface team might make one; no library beyond the JDK.
 */
record EngineKeys(X509Certificate certificate, PrivateKey key) {

    /** {@code keytool -genkeypair} with these key options, e.g. {@code "-keyalg", "EC", "-groupname", "secp256r1"}. */
    static EngineKeys make(String... keyOptions) {
        try {
            Path store = Files.createTempDirectory("feed-cert").resolve("engine.p12");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "engine", "-dname", "CN=Interface engine test,O=OpenVisit tests", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                    "-keypass", "changeit"));
            command.addAll(List.of(keyOptions));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            return new EngineKeys((X509Certificate) ks.getCertificate("engine"),
                    (PrivateKey) ks.getKey("engine", "changeit".toCharArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM text, as {@code openssl x509} writes it. */
    String pem() {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der())
                + "\n-----END CERTIFICATE-----\n";
    }
}
