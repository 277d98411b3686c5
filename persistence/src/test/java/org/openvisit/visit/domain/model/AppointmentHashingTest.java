package org.openvisit.visit.domain.model;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppointmentHashingTest {

    private static final byte[] KEY = new byte[32];
    private static final UUID ENDPOINT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void isHmacSha256OfTheEndpointAndTheKeysInputInLowerCaseHex() {
        assertThat(AppointmentHashing.hmac(new SecretKeySpec(KEY, "HmacSHA256"), "a"))
                .isEqualTo("9615a95d4a336118c435b9cd54c5e8644ab956b573aa2926274a1280b6674713"); // python3 hmac
        AppointmentHashing hashing = new AppointmentHashing(KEY);
        assertThat(hashing.hash(ENDPOINT, VisitKey.appointment("Appointment/1")).value()).isEqualTo(
                AppointmentHashing.hmac(new SecretKeySpec(KEY, "HmacSHA256"), ENDPOINT + "|appointment:Appointment/1"));
    }

    @Test
    void aControlIdHasItsOwnPrefixSoItNeverGivesAVisitsHash() {
        AppointmentHashing hashing = new AppointmentHashing(KEY);
        assertThat(hashing.message(ENDPOINT, "Appointment/1")).matches("[0-9a-f]{64}")
                .isNotEqualTo(hashing.hash(ENDPOINT, VisitKey.appointment("Appointment/1")).value())
                .isEqualTo(hashing.message(ENDPOINT, "Appointment/1"))
                .isNotEqualTo(hashing.message(UUID.randomUUID(), "Appointment/1"));
    }

    @Test
    void aMissingOrShortKeyIsRefusedAndTheKeyIsNeverShown() {
        assertThatThrownBy(() -> new AppointmentHashing(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AppointmentHashing(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AppointmentHashing(KEY).toString()).doesNotContain("0, 0");
    }
}
