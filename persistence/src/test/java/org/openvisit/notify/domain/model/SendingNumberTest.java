package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvisit.shared.domain.model.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendingNumberTest {

    @Test
    void writesNumbersInE164AndReadsThemBackInternationally() {
        SendingNumber number = SendingNumber.of(" +1 (202) 555-0123 ");
        assertThat(number.e164()).isEqualTo("+12025550123");
        assertThat(number.international()).isEqualTo("+1 202-555-0123");
        assertThat(number.country()).isEqualTo("US");
        assertThat(SendingNumber.of("+61 491 570 156").e164()).isEqualTo("+61491570156");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "202 555 0123", "+1 202", "+999 1234567", "+12025550123456789"})
    void refusesWhatIsNotAValidInternationalNumber(String text) {
        assertThatThrownBy(() -> SendingNumber.of(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theCanonicalFormIsRequiredOfStoredValues() {
        assertThatThrownBy(() -> new SendingNumber("+1 202 555 0123")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("+12025550123");
    }
}
