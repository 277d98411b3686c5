package org.openvisit.identity.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvisit.identity.domain.model.InvalidAccountException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "123456789012", "abcdefghijklm", "987654321098", "abcabcabcabc",
            "123456123456", "Password2024!", "password1234", "  Qwerty123456!!", "iloveyou2025", "OpenVisit2026!",
            "Welcome12345", "1234567890123", "Sunshine!!2024"})
    void commonRepetitiveAndSequentialPasswordsAreRefused(String password) {
        assertThatThrownBy(() -> PasswordPolicy.check("dr.alvarez", password))
                .isInstanceOf(InvalidAccountException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "elevenchars"})
    void shortPasswordsAreRefused(String password) {
        assertThatThrownBy(() -> PasswordPolicy.check("dr.alvarez", password))
                .hasMessageContaining("at least 12 characters");
    }

    @Test
    void theUsernameWithDigitsAroundItIsRefused() {
        assertThatThrownBy(() -> PasswordPolicy.check("alvarezdiego", "alvarezdiego2024"))
                .isInstanceOf(InvalidAccountException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "a long enough password", "kettle-lantern-orbit",
            "Zy8#qp0!Lm2w", "мойпарольдлинный", "我的密码很长很长很长很长"})
    void longUncommonPasswordsOfAnyCharactersPass(String password) {
        assertThatCode(() -> PasswordPolicy.check("dr.alvarez", password)).doesNotThrowAnyException();
    }
}
