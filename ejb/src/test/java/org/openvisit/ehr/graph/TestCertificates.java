package org.openvisit.ehr.graph;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.concurrent.TimeUnit;

/** Self-signed RSA certificates for the tests, made by the JDK's keytool (as an IT person might make one). */
final class TestCertificates {

    private TestCertificates() {
    }

    /** A certificate valid from {@code startDays} (e.g. "-1d") for {@code validityDays}. */
    static GraphCredential.Certificate make(String startDays, int validityDays) throws Exception {
        Path dir = Files.createTempDirectory("teams-cert");
        Path store = dir.resolve("app.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "app", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=OpenVisit Teams test", "-startdate", startDays,
                "-validity", Integer.toString(validityDays), "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return new GraphCredential.Certificate((X509Certificate) ks.getCertificate("app"),
                (RSAPrivateKey) ks.getKey("app", "changeit".toCharArray()));
    }
}
