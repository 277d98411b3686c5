package org.openvisit.notify.application;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and checking an uploaded interface-engine certificate (keys made by keytool in the test). */
class FeedCertificateTest {

    private static EngineKeys rsa;
    private static EngineKeys ec256;
    private static EngineKeys ec384;
    private static EngineKeys rsa1024;

    @BeforeAll
    static void keys() {
        rsa = EngineKeys.make("-keyalg", "RSA", "-keysize", "2048");
        ec256 = EngineKeys.make("-keyalg", "EC", "-groupname", "secp256r1");
        ec384 = EngineKeys.make("-keyalg", "EC", "-groupname", "secp384r1");
        rsa1024 = EngineKeys.make("-keyalg", "RSA", "-keysize", "1024");
    }

    private static Instant now(EngineKeys k) {
        return k.certificate().getNotBefore().toInstant().plus(Duration.ofDays(1));
    }

    @Test
    void pemAndDerAreReadWithSubjectIssuerValidityAndTheOpensslFingerprint() throws Exception {
        FeedCertificate fromPem = FeedCertificate.upload(rsa.pem().getBytes(StandardCharsets.US_ASCII), now(rsa));
        FeedCertificate fromDer = FeedCertificate.upload(rsa.der(), now(rsa));
        assertThat(fromPem.base64()).isEqualTo(fromDer.base64());
        assertThat(fromPem.subject()).isEqualTo("CN=Interface engine test,O=OpenVisit tests");
        assertThat(fromPem.issuer()).isEqualTo(fromPem.subject());
        assertThat(fromPem.notAfter()).isEqualTo(rsa.certificate().getNotAfter().toInstant());
        assertThat(fromPem.kind()).isEqualTo(FeedCertificate.KeyKind.RSA);
        assertThat(fromPem.keyDescription()).isEqualTo("RSA-2048");
        String hex = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(rsa.der()));
        assertThat(fromPem.fingerprint().replace(":", "")).isEqualTo(hex);
        assertThat(fromPem.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        // what openssl pkcs12 writes before the PEM block is skipped
        assertThat(FeedCertificate.upload(("Bag Attributes\n    friendlyName: engine\n" + rsa.pem())
                .getBytes(StandardCharsets.US_ASCII), now(rsa)).base64()).isEqualTo(fromDer.base64());
        assertThat(FeedCertificate.stored(fromPem.base64()).orElseThrow().fingerprint())
                .isEqualTo(fromPem.fingerprint());
    }

    @Test
    void ecKeysOnP256AndP384AreTaken() {
        FeedCertificate p256 = FeedCertificate.upload(ec256.der(), now(ec256));
        assertThat(p256.kind()).isEqualTo(FeedCertificate.KeyKind.EC);
        assertThat(p256.keyDescription()).isEqualTo("EC P-256");
        assertThat(FeedCertificate.upload(ec384.pem().getBytes(StandardCharsets.US_ASCII), now(ec384))
                .keyDescription()).isEqualTo("EC P-384");
    }

    @Test
    void aShortRsaKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> FeedCertificate.upload(rsa1024.der(), now(rsa1024)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).hasValue("sms.certificate.keyType");
                    assertThat(e.arguments()).containsExactly("RSA-1024");
                    assertThat(e.getMessage()).contains("at least 2048 bits");
                });
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefusedWithItsDate() {
        Instant after = rsa.certificate().getNotAfter().toInstant().plusSeconds(60);
        assertThatThrownBy(() -> FeedCertificate.upload(rsa.der(), after))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).hasValue("sms.certificate.expired");
                    assertThat(e.getMessage()).contains("expired on").contains(" UTC");
                });
        Instant before = rsa.certificate().getNotBefore().toInstant().minusSeconds(3600);
        assertThatThrownBy(() -> FeedCertificate.upload(rsa.der(), before))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).hasValue("sms.certificate.notYetValid"));
    }

    @Test
    void notOneCertificateIsRefusedInWords() {
        assertThat(code(new byte[0])).isEqualTo("sms.certificate.unreadable");
        assertThat(code("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo("sms.certificate.unreadable");
        assertThat(code("-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isEqualTo("sms.certificate.unreadable");
        assertThat(code("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isEqualTo("sms.certificate.unreadable");
        assertThat(code((rsa.pem() + ec256.pem()).getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sms.certificate.several");
        assertThat(code((rsa.pem() + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII))).isEqualTo("sms.certificate.privateKey");
        assertThat(code(new byte[FeedCertificate.MAX_BYTES + 1])).isEqualTo("sms.certificate.tooLarge");
    }

    private static String code(byte[] upload) {
        try {
            FeedCertificate.upload(upload, now(rsa));
        } catch (InvalidValueException e) {
            return e.code().orElseThrow();
        }
        throw new AssertionError("taken");
    }
}
