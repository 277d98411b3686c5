package org.openvisit.visit.application;

import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.VisitKey;

import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

class AppointmentHasherTest {

    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "HmacSHA256");

    @Test
    void isHmacSha256InLowerCaseHex() {
        assertThat(AppointmentHasher.hash(KEY, "a").value()).isEqualTo("9615a95d4a336118c435b9cd54c5e8644ab956b573aa2926274a1280b6674713"); // python3 hmac
        assertThat(AppointmentHasher.hash(KEY, "a")).isEqualTo(AppointmentHasher.hash(KEY, "a"));
    }

    @Test
    void theKindAndTheKeyChangeTheHash() {
        String appointment = VisitKey.appointment("42").hashInput();
        String conference = VisitKey.conference("42").hashInput();
        assertThat(AppointmentHasher.hash(KEY, appointment)).isNotEqualTo(AppointmentHasher.hash(KEY, conference));
        SecretKeySpec other = new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "HmacSHA256");
        assertThat(AppointmentHasher.hash(KEY, appointment)).isNotEqualTo(AppointmentHasher.hash(other, appointment));
    }
}
