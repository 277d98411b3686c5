package org.openvisit.smart;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkceAndStateTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theChallengeIsTheRfc7636AppendixBExample() {
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aVerifierHasAtLeast43UnreservedCharactersAndMatchesItsChallenge() {
        Pkce pkce = Pkce.create(random);
        assertThat(pkce.verifier()).hasSizeGreaterThanOrEqualTo(43).hasSizeLessThanOrEqualTo(128)
                .matches("[A-Za-z0-9\\-._~]+");
        assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier())).hasSize(43).doesNotContain("=");
    }

    @Test
    void verifiersAreNeverRepeatedAndNeverPrinted() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Pkce pkce = Pkce.create(random);
            assertThat(seen.add(pkce.verifier())).isTrue();
            assertThat(pkce.toString()).doesNotContain(pkce.verifier());
        }
    }

    @Test
    void aShortVerifierIsRefused() {
        assertThatThrownBy(() -> new Pkce("short", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStateCarries256RandomBitsInUrlSafeCharacters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String state = RandomValues.state(random);
            assertThat(state).hasSize(43).matches("[A-Za-z0-9_\\-]+");
            assertThat(seen.add(state)).isTrue();
        }
        assertThat(RandomValues.STATE_BYTES * 8).isGreaterThanOrEqualTo(128);
    }
}
