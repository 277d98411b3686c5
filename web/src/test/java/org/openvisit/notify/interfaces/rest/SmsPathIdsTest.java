package org.openvisit.notify.interfaces.rest;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.application.SmsNumberNotFoundException;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A malformed organization id answers 404 through JAX-RS's NotFoundException, which needs the container to be made. */
class SmsPathIdsTest {

    @Test
    void wellFormedIdsAreRead() {
        UUID id = UUID.randomUUID();
        assertThat(SmsPathIds.organization(id.toString())).isEqualTo(id);
        assertThat(SmsPathIds.endpoint(id.toString())).isEqualTo(id);
        assertThat(SmsPathIds.number(id.toString())).isEqualTo(id);
    }

    @Test
    void aMalformedEndpointIdIsABadValueOfThatField() {
        assertThatThrownBy(() -> SmsPathIds.endpoint("endpoint 1")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("This is not an endpoint id.");
    }

    @Test
    void aMalformedNumberIdNamesNoNumber() {
        assertThatThrownBy(() -> SmsPathIds.number("+15550100")).isInstanceOf(SmsNumberNotFoundException.class);
    }
}
