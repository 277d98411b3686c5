package org.openvisit.sandbox.oauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    // RFC 7636, appendix B
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void computesTheRfcS256Challenge() {
        assertThat(Pkce.challengeOf(VERIFIER)).isEqualTo(CHALLENGE);
    }

    @Test
    void acceptsTheMatchingVerifier() {
        assertThat(Pkce.verifies(CHALLENGE, VERIFIER)).isTrue();
    }

    @Test
    void refusesAnotherVerifier() {
        assertThat(Pkce.verifies(CHALLENGE, VERIFIER.replace('d', 'e'))).isFalse();
    }

    @Test
    void refusesThePlainMethodWhereVerifierEqualsChallenge() {
        assertThat(Pkce.verifies(VERIFIER, VERIFIER)).isFalse();
    }

    @Test
    void refusesTooShortOrMissingVerifiers() {
        assertThat(Pkce.verifies(Pkce.challengeOf("short"), "short")).isFalse();
        assertThat(Pkce.verifies(CHALLENGE, null)).isFalse();
    }
}
