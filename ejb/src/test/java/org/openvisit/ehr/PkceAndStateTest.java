package org.openvisit.ehr;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PKCE, state and nonce of {@link OAuthStart} (the Nimbus SDK's), as OpenVisit relies on them. */
class PkceAndStateTest {

    private static final URI AUTHORIZE = URI.create("https://ehr.example.org/oauth/authorize");

    private static OAuthStart start() {
        return OAuthStart.create(AUTHORIZE, "openvisit", "https://ov.example.org/cb", "openid fhirUser", Map.of());
    }

    private static String challengeOf(String verifier) {
        return CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
    }

    @Test
    void theChallengeIsTheRfc7636AppendixBExample() {
        assertThat(challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aVerifierHasAtLeast43UnreservedCharactersAndItsChallengeGoesToTheEhr() {
        OAuthStart start = start();
        assertThat(start.codeVerifier()).hasSizeGreaterThanOrEqualTo(43).hasSizeLessThanOrEqualTo(128)
                .matches("[A-Za-z0-9\\-._~]+");
        Map<String, String> query = SmartAuthorizationTest.query(start.authorizeUri());
        assertThat(query.get("code_challenge")).isEqualTo(challengeOf(start.codeVerifier())).hasSize(43)
                .doesNotContain("=");
        assertThat(query).containsEntry("code_challenge_method", "S256").doesNotContainValue(start.codeVerifier());
    }

    @Test
    void verifiersAreNeverRepeatedAndNeverPrinted() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            OAuthStart start = start();
            assertThat(seen.add(start.codeVerifier())).isTrue();
            assertThat(start.toString()).doesNotContain(start.codeVerifier()).doesNotContain(start.state())
                    .doesNotContain(start.nonce());
        }
    }

    @Test
    void aShortVerifierIsRefused() {
        assertThatThrownBy(() -> new CodeVerifier("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateAndNonceCarry256RandomBitsInUrlSafeCharacters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            OAuthStart start = start();
            assertThat(start.state()).hasSize(43).matches("[A-Za-z0-9_\\-]+");
            assertThat(start.nonce()).hasSize(43).matches("[A-Za-z0-9_\\-]+");
            assertThat(seen.add(start.state())).isTrue();
            assertThat(seen.add(start.nonce())).isTrue();
        }
    }

    @Test
    void onlyTheExactStateMatches() {
        OAuthStart a = start();
        OAuthStart b = start();
        assertThat(a.hasState(a.state())).isTrue();
        assertThat(a.hasState(b.state())).isFalse();
        assertThat(a.hasState(null)).isFalse();
        assertThat(a.hasState(a.state().substring(1))).isFalse();
    }
}
