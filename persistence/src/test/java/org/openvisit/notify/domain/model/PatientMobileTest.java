package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatientMobileTest {

    @Test
    void aNationalNumberIsReadInTheRegionAndWrittenInE164() {
        assertThat(PatientMobile.parse("(202) 555-0147", "US").e164()).isEqualTo("+12025550147");
        assertThat(PatientMobile.parse("+44 7911 123456", "US").e164()).isEqualTo("+447911123456");
    }

    @Test
    void itIsMaskedInTextAndLogs() {
        PatientMobile m = PatientMobile.parse("+1 202 555 0147", "US");
        assertThat(m.masked()).isEqualTo("+1••••••0147");
        assertThat(m.toString()).doesNotContain("2025550147");
        assertThat(PatientMobile.mask("+447911123456")).isEqualTo("+44••••••3456");
    }

    @Test
    void missingUnreadableInvalidAndFixedLineNumbersAreRefused() {
        assertThatThrownBy(() -> PatientMobile.parse(" ", "US")).isInstanceOf(InvalidPatientNumberException.class)
                .hasMessageContaining("no phone number");
        assertThatThrownBy(() -> PatientMobile.parse("call me", "US"))
                .isInstanceOf(InvalidPatientNumberException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> PatientMobile.parse("123", "US"))
                .isInstanceOf(InvalidPatientNumberException.class).hasMessageContaining("not a valid");
        // a United Kingdom fixed line
        assertThatThrownBy(() -> PatientMobile.parse("+44 20 7946 0018", "US"))
                .isInstanceOf(InvalidPatientNumberException.class).hasMessageContaining("not a mobile");
    }
}
