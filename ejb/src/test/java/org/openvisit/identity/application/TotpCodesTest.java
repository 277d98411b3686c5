package org.openvisit.identity.application;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpCodesTest {

    /** RFC 6238 appendix B, the SHA-1 rows: the seed is the ASCII of "12345678901234567890", codes of 8 digits. */
    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void givesTheCodesOfRfc6238AppendixB(long seconds, String expected) {
        byte[] seed = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        TotpCodes eightDigits = new TotpCodes(8);
        long step = TotpCodes.step(Instant.ofEpochSecond(seconds));
        assertThat(eightDigits.code(seed, step)).isEqualTo(expected);
        assertThat(eightDigits.matchingStep(seed, expected, Instant.ofEpochSecond(seconds))).hasValue(step);
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        byte[] secret = TotpCodes.newSecret();
        TotpCodes codes = new TotpCodes();
        Instant now = Instant.parse("2026-12-05T03:30:10Z");
        long current = TotpCodes.step(now);
        assertThat(codes.matchingStep(secret, codes.code(secret, current), now)).hasValue(current);
        assertThat(codes.matchingStep(secret, codes.code(secret, current - 1), now)).hasValue(current - 1);
        assertThat(codes.matchingStep(secret, codes.code(secret, current + 1), now)).hasValue(current + 1);
        assertThat(codes.matchingStep(secret, codes.code(secret, current - 2), now)).isEmpty();
        assertThat(codes.matchingStep(secret, codes.code(secret, current + 2), now)).isEmpty();
    }

    @Test
    void refusesWhatIsNotACodeOfThisSecret() {
        byte[] secret = TotpCodes.newSecret();
        TotpCodes codes = new TotpCodes();
        Instant now = Instant.parse("2026-12-05T03:30:10Z");
        String right = codes.code(secret, TotpCodes.step(now));
        assertThat(codes.matchingStep(secret, right.substring(0, 3) + " " + right.substring(3), now))
                .as("typed as the app shows it").isPresent();
        assertThat(codes.matchingStep(TotpCodes.newSecret(), right, now)).as("another secret's code")
                .isEmpty(); // one chance in 333,333 of a false match; the test would then fail once
        for (String bad : new String[] {null, "", "12345", "1234567", "12345a", "１２３４５６", right + "0", "-12345"}) {
            assertThat(codes.matchingStep(secret, bad, now)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void secretsAre160RandomBits() {
        assertThat(TotpCodes.newSecret()).hasSize(20).isNotEqualTo(TotpCodes.newSecret());
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI"); // RFC 4648 §10
    }
}
