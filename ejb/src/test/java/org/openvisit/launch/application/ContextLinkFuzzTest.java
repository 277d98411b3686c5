package org.openvisit.launch.application;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context link is read from the EHR's URL: whatever arrives, reading it ends in a token or nothing, decrypting in a
 * plaintext or nothing, and the claims of any plaintext (even a genuine one with absurd times) in claims or nothing
 * and a verdict on their window — never in an exception the launch would turn into a server error.
 */
class ContextLinkFuzzTest {

    private static final byte[] KEY = HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @FuzzTest(maxDuration = "3s")
    void anyLinkIsReadOrRefusedWithoutAnError(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            ContextLinkToken.parse(data.consumeRemainingAsString()).ifPresent(token -> {
                assertThat(token.keyId()).isNotEmpty();
                assertThat(token.digest()).hasSize(64);
                token.decrypt(KEY).ifPresent(ContextLinkClaims::parse);
            });
        } else {
            // a genuine link (it decrypted): its fields are the EHR's, and may be anything
            long nbf = data.consumeBoolean() ? data.consumeLong() : NOW.getEpochSecond() + data.consumeInt();
            long exp = data.consumeBoolean() ? data.consumeLong() : nbf + data.consumeInt();
            String plaintext = data.consumeBoolean()
                    ? "iss=" + data.consumeString(40) + "&role=" + data.consumeString(10) + "&nbf=" + nbf + "&exp=" + exp
                    + "&" + data.consumeRemainingAsString()
                    : data.consumeRemainingAsString();
            ContextLinkClaims.parse(plaintext).ifPresent(claims -> assertThat(
                    claims.windowAt(NOW, Duration.ofMinutes(ContextLinkLaunchService.MAX_WINDOW_MINUTES),
                            ContextLinkLaunchService.CLOCK_SKEW)).isNotNull());
        }
    }
}
