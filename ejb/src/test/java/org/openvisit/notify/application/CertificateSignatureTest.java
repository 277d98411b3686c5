package org.openvisit.notify.application;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTPS feed's certificate signature: keys and certificates made in the test (keytool, KeyPairGenerator). */
class CertificateSignatureTest {

    private static final byte[] BODY = ("MSH|^~\\&|EHR|NORTH|OPENVISIT|OV|20261206073000||SIU^S12|C1|P|2.5.1\r"
            + "SCH|APT-1\r").getBytes(StandardCharsets.UTF_8);

    private static EngineKeys rsa;
    private static EngineKeys ec;
    private static FeedCertificate rsaCertificate;
    private static FeedCertificate ecCertificate;
    private static Instant now;

    @BeforeAll
    static void keys() {
        rsa = EngineKeys.make("-keyalg", "RSA", "-keysize", "2048");
        ec = EngineKeys.make("-keyalg", "EC", "-groupname", "secp256r1");
        rsaCertificate = FeedCertificate.of(rsa.der()).orElseThrow();
        ecCertificate = FeedCertificate.of(ec.der()).orElseThrow();
        now = rsa.certificate().getNotBefore().toInstant().plus(Duration.ofDays(1));
    }

    private static String ts(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    private static void verify(FeedCertificate c, byte[] body, String header, String timestamp, Instant at) {
        CertificateSignature.verify(c, body, header, timestamp, at);
    }

    private static String refusal(FeedCertificate c, byte[] body, String header, String timestamp, Instant at) {
        try {
            verify(c, body, header, timestamp, at);
        } catch (FeedRefusal r) {
            assertThat(r.reason()).isEqualTo(FeedRefusal.Reason.BAD_SIGNATURE);
            return r.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void goodRsaAndEcSignaturesPass() {
        String rsaHeader = CertificateSignature.sign(rsa.key(), ts(now), BODY);
        assertThat(rsaHeader).startsWith("rsa-sha256=");
        assertThatCode(() -> verify(rsaCertificate, BODY, rsaHeader, ts(now), now)).doesNotThrowAnyException();
        String ecHeader = CertificateSignature.sign(ec.key(), ts(now), BODY);
        assertThat(ecHeader).startsWith("ecdsa-sha256=");
        // ECDSA signatures are DER (a SEQUENCE of two INTEGERs), as openssl dgst -sign writes them
        assertThat(Base64.getDecoder().decode(ecHeader.substring("ecdsa-sha256=".length()))[0]).isEqualTo((byte) 0x30);
        assertThatCode(() -> verify(ecCertificate, BODY, ecHeader, ts(now), now)).doesNotThrowAnyException();
        // the scheme's case and surrounding spaces do not matter
        assertThatCode(() -> verify(rsaCertificate, BODY, " RSA-SHA256=" + rsaHeader.substring(11) + " ", ts(now),
                now)).doesNotThrowAnyException();
    }

    @Test
    void theSignatureCoversTheTimestampDotBody() throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(rsa.key());
        s.update((ts(now) + ".").getBytes(StandardCharsets.US_ASCII));
        s.update(BODY);
        String header = "rsa-sha256=" + Base64.getEncoder().encodeToString(s.sign());
        assertThatCode(() -> verify(rsaCertificate, BODY, header, ts(now), now)).doesNotThrowAnyException();
    }

    @Test
    void aTamperedBodyOrTimestampFails() {
        String header = CertificateSignature.sign(rsa.key(), ts(now), BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] = '2';
        assertThat(refusal(rsaCertificate, tampered, header, ts(now), now)).contains("does not match");
        assertThat(refusal(rsaCertificate, BODY, header, ts(now.plusSeconds(1)), now)).contains("does not match");
    }

    @Test
    void anotherKeyFails() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey other = g.generateKeyPair().getPrivate();
        assertThat(refusal(rsaCertificate, BODY, CertificateSignature.sign(other, ts(now), BODY), ts(now), now))
                .contains("does not match").contains(rsaCertificate.fingerprint());
        // the EC engine's signature against the RSA certificate: the scheme does not fit the key
        assertThat(refusal(rsaCertificate, BODY, CertificateSignature.sign(ec.key(), ts(now), BODY), ts(now), now))
                .contains("RSA key").contains("rsa-sha256=");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefusedSayingSo() {
        Instant later = rsa.certificate().getNotAfter().toInstant().plusSeconds(1);
        String header = CertificateSignature.sign(rsa.key(), ts(later), BODY);
        assertThat(refusal(rsaCertificate, BODY, header, ts(later), later)).contains("expired on")
                .contains("uploads the interface engine's current certificate");
        Instant earlier = rsa.certificate().getNotBefore().toInstant().minusSeconds(3600);
        assertThat(refusal(rsaCertificate, BODY, CertificateSignature.sign(rsa.key(), ts(earlier), BODY),
                ts(earlier), earlier)).contains("valid only from");
    }

    @Test
    void aBadOrMissingHeaderIsRefused() {
        String header = CertificateSignature.sign(rsa.key(), ts(now), BODY);
        assertThat(refusal(rsaCertificate, BODY, null, ts(now), now)).contains("rsa-sha256=");
        assertThat(refusal(rsaCertificate, BODY, "rsa-sha256=%%%", ts(now), now)).contains("not base64");
        assertThat(refusal(rsaCertificate, BODY, "rsa-sha256=", ts(now), now)).contains("does not match");
        assertThat(refusal(ecCertificate, BODY, "ecdsa-sha256=AAAA", ts(now), now)).contains("does not match");
        assertThat(refusal(rsaCertificate, BODY, header, null, now)).contains("X-OpenVisit-Timestamp");
        assertThat(refusal(rsaCertificate, BODY, header, "2026-12-06T07:30:00Z", now))
                .contains("X-OpenVisit-Timestamp");
        assertThat(CertificateSignature.names(header)).isTrue();
        assertThat(CertificateSignature.names("ECDSA-SHA256=abc")).isTrue();
        assertThat(CertificateSignature.names("sha256=abc")).isFalse();
        assertThat(CertificateSignature.names(null)).isFalse();
    }

    @Test
    void anOldOrFarFutureTimestampIsRefusedEvenWhenSignedWellWithinFiveMinutesIsTaken() {
        Instant old = now.minus(Duration.ofMinutes(5)).minusSeconds(1);
        assertThat(refusal(rsaCertificate, BODY, CertificateSignature.sign(rsa.key(), ts(old), BODY), ts(old), now))
                .contains("301 seconds away").contains("clock");
        Instant ahead = now.plus(Duration.ofMinutes(6));
        assertThat(refusal(rsaCertificate, BODY, CertificateSignature.sign(rsa.key(), ts(ahead), BODY), ts(ahead),
                now)).contains("360 seconds away");
        Instant edge = now.minus(Duration.ofMinutes(5));
        assertThatCode(() -> verify(rsaCertificate, BODY, CertificateSignature.sign(rsa.key(), ts(edge), BODY),
                ts(edge), now)).doesNotThrowAnyException();
        Instant slightlyAhead = now.plusSeconds(90);
        assertThatCode(() -> verify(rsaCertificate, BODY, CertificateSignature.sign(rsa.key(), ts(slightlyAhead),
                BODY), ts(slightlyAhead), now)).doesNotThrowAnyException();
    }

    @Test
    void aMessageSentAgainWithinTheWindowStillPassesTheSignatureCheck() {
        // the message log's control-id check answers it as a duplicate (SmsFeedWork); here only the signature counts
        String header = CertificateSignature.sign(ec.key(), ts(now), BODY);
        assertThatCode(() -> verify(ecCertificate, BODY, header, ts(now), now.plusSeconds(60)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(ecCertificate, BODY, header, ts(now), now.plus(Duration.ofMinutes(10))))
                .isInstanceOf(FeedRefusal.class);
    }
}
