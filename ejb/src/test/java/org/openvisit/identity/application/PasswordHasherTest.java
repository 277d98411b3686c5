package org.openvisit.identity.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    @Test
    void theHashDescribesItsAlgorithmAndWorkAndHoldsNoPassword() {
        String hash = hasher.hash("a password to hide");
        assertThat(hash).startsWith("pbkdf2-sha512$" + PasswordHasher.ITERATIONS + "$").doesNotContain("a password");
    }

    @Test
    void theDecoyIsAWellFormedHashOfTheCurrentWorkThatNoPasswordMatches() {
        String decoy = PasswordHasher.decoy();
        assertThat(decoy).startsWith("pbkdf2-sha512$" + PasswordHasher.ITERATIONS + "$");
        assertThat(decoy.split("\\$")).hasSize(4);
        assertThat(decoy.length()).isEqualTo(hasher.hash("any password at all").length());
        assertThat(hasher.matches("", decoy)).isFalse();
        assertThat(hasher.matches("decoy password that matches nothing", decoy)).isFalse();
        hasher.matchNothing("whatever was typed");
        hasher.matchNothing(null);
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertThat(hasher.matches("x", "plain-text")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha512$abc$def$ghi")).isFalse();
        assertThat(hasher.matches("x", null)).isFalse();
    }

    @Test
    void thePolicyRefusesShortPasswordsAndTheUsername() {
        assertThatThrownBy(() -> PasswordPolicy.check("admin", "short")).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> PasswordPolicy.check("administrator1", "Administrator1")).hasMessageContaining("username");
        PasswordPolicy.check("admin", "a long enough passphrase");
    }
}
