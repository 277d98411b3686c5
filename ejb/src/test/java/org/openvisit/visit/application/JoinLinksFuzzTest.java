package org.openvisit.visit.application;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A join link comes from an SMS or a patient portal: anything pasted into the address bar is either a grant (only
 * when this installation signed it) or a refusal with its reason — never another exception. Half of the inputs are
 * payloads signed with the installation's key, so the claims' handling is fuzzed too, not only the signature check.
 */
class JoinLinksFuzzTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final JoinLinks LINKS = new JoinLinks(KEY, Duration.ofHours(4),
            Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "3s")
    void anyLinkIsAGrantOrARefusal(FuzzedDataProvider data) throws JOSEException {
        boolean signed = data.consumeBoolean();
        String token;
        if (signed) {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(data.consumeRemainingAsString()));
            jws.sign(new MACSigner(KEY));
            token = jws.serialize();
        } else {
            token = data.consumeRemainingAsString();
        }
        try {
            JoinGrant grant = LINKS.verify(token);
            assertThat(signed).as("a grant from a link this installation did not sign").isTrue();
            assertThat(grant.visitId()).isNotNull();
            assertThat(grant.role()).isNotEqualTo(JoinRole.PROVIDER);
            assertThat(Duration.between(Instant.parse("2026-12-05T10:00:00Z"), grant.expiresAt()))
                    .isLessThanOrEqualTo(JoinLinks.MAX_LIFETIME.plusSeconds(30));
        } catch (InvalidJoinLinkException refused) {
            assertThat(refused.reasonCode()).isNotBlank();
        } catch (RuntimeException e) {
            fail("a join link ended in " + e + " instead of a refusal", e);
        }
    }
}
