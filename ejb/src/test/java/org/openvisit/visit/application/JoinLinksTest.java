package org.openvisit.visit.application;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JoinLinksTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final JoinLinks links = new JoinLinks(KEY, Duration.ofHours(4), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String reason(JoinLinks links, String token) {
        return catchThrowableOfType(() -> links.verify(token), InvalidJoinLinkException.class).reasonCode();
    }

    @Test
    void aLinkLetsItsRoleIntoItsVisitUntilItExpires() {
        UUID visit = UUID.randomUUID();
        JoinGrant grant = links.verify(links.issue(visit, JoinRole.PATIENT));
        assertThat(grant.visitId()).isEqualTo(visit);
        assertThat(grant.role()).isEqualTo(JoinRole.PATIENT);
        assertThat(grant.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(grant.linkId()).isNotBlank();
        assertThat(links.verify(links.issue(visit, JoinRole.PATIENT)).linkId()).isNotEqualTo(grant.linkId());
        assertThat(links.verify(links.issue(visit, JoinRole.GUEST)).role()).isEqualTo(JoinRole.GUEST);
    }

    @Test
    void theLinkCarriesNothingButTheVisitTheRoleAndItsTimes() {
        String token = links.issue(UUID.randomUUID(), JoinRole.PATIENT);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"vid\"", "\"role\"", "\"exp\"", "\"iat\"", "\"jti\"", "\"iss\"", "\"aud\"")
                .doesNotContain("Patient", "Appointment", "sub");
    }

    @Test
    void anExpiredLinkIsRefused() {
        String token = links.issue(UUID.randomUUID(), JoinRole.PATIENT);
        JoinLinks later = new JoinLinks(KEY, Duration.ofHours(4),
                Clock.fixed(NOW.plus(Duration.ofHours(4)).plusSeconds(31), ZoneOffset.UTC));
        InvalidJoinLinkException e = catchThrowableOfType(() -> later.verify(token), InvalidJoinLinkException.class);
        assertThat(e.reasonCode()).isEqualTo("EXPIRED");
        assertThat(e.getMessage()).contains("expired");
    }

    @Test
    void aLinkSignedWithAnotherKeyOrChangedIsRefused() {
        JoinLinks other = new JoinLinks("another-key-another-key-another!!".getBytes(StandardCharsets.US_ASCII),
                Duration.ofHours(4), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(reason(links, other.issue(UUID.randomUUID(), JoinRole.PATIENT))).isEqualTo("BAD_SIGNATURE");

        String[] parts = links.issue(UUID.randomUUID(), JoinRole.GUEST).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("GUEST", "PATIENT");
        String changed = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(reason(links, changed)).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void anUnsignedLinkOrGarbageIsRefused() {
        String unsigned = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().claim("vid",
                UUID.randomUUID().toString()).claim("role", "PATIENT").build()).serialize();
        assertThat(reason(links, unsigned)).isEqualTo("MALFORMED");
        assertThat(reason(links, "not-a-token")).isEqualTo("MALFORMED");
        assertThat(reason(links, "")).isEqualTo("MALFORMED");
        assertThat(reason(links, null)).isEqualTo("MALFORMED");
        assertThat(reason(links, "x".repeat(3000))).isEqualTo("MALFORMED");
    }

    @Test
    void aTokenForAnotherPurposeOrRoleIsRefused() throws Exception {
        JWTClaimsSet notJoin = new JWTClaimsSet.Builder().issuer("openvisit").audience("something-else")
                .claim("vid", UUID.randomUUID().toString()).claim("role", "PATIENT")
                .expirationTime(Date.from(NOW.plusSeconds(60))).build();
        assertThat(reason(links, sign(notJoin))).isEqualTo("WRONG_AUDIENCE");

        JWTClaimsSet provider = new JWTClaimsSet.Builder().issuer("openvisit").audience("openvisit-join")
                .claim("vid", UUID.randomUUID().toString()).claim("role", "PROVIDER").issueTime(Date.from(NOW))
                .jwtID("link-1").expirationTime(Date.from(NOW.plusSeconds(60))).build();
        assertThat(reason(links, sign(provider))).isEqualTo("WRONG_ROLE");

        JWTClaimsSet noVisit = new JWTClaimsSet.Builder().issuer("openvisit").audience("openvisit-join")
                .claim("role", "PATIENT").expirationTime(Date.from(NOW.plusSeconds(60))).build();
        assertThat(reason(links, sign(noVisit))).isEqualTo("MALFORMED");
    }

    @Test
    void aLinkValidForLongerThanADayOrWithoutItsTimesIsRefusedEvenIfWeSignedIt() throws Exception {
        JWTClaimsSet tenYears = new JWTClaimsSet.Builder().issuer("openvisit").audience("openvisit-join")
                .claim("vid", UUID.randomUUID().toString()).claim("role", "PATIENT").issueTime(Date.from(NOW))
                .jwtID("link-2").expirationTime(Date.from(NOW.plus(Duration.ofDays(3650)))).build();
        assertThat(reason(links, sign(tenYears))).isEqualTo("TOO_LONG");

        JWTClaimsSet noIssueTime = new JWTClaimsSet.Builder().issuer("openvisit").audience("openvisit-join")
                .claim("vid", UUID.randomUUID().toString()).claim("role", "PATIENT").jwtID("link-3")
                .expirationTime(Date.from(NOW.plusSeconds(60))).build();
        assertThat(reason(links, sign(noIssueTime))).isEqualTo("MALFORMED");
    }

    @Test
    void aConfiguredValidityAboveTheMaximumIsCutToADay() {
        JoinLinks generous = new JoinLinks(KEY, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
        JoinGrant grant = generous.verify(generous.issue(UUID.randomUUID(), JoinRole.GUEST));
        assertThat(grant.expiresAt()).isEqualTo(NOW.plus(JoinLinks.MAX_LIFETIME));
    }

    @Test
    void cliniciansGetNoJoinLinks() {
        assertThatThrownBy(() -> links.issue(UUID.randomUUID(), JoinRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(KEY));
        return jwt.serialize();
    }
}
