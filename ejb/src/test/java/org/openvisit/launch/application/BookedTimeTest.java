package org.openvisit.launch.application;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BookedTimeTest {

    @Test
    void startAndEndAreReadWithTheirOffsets() {
        assertThat(BookedTime.fromAppointment("{\"resourceType\":\"Appointment\",\"id\":\"a1\",\"status\":\"booked\","
                + "\"start\":\"2026-11-30T14:00:00+01:00\",\"end\":\"2026-11-30T14:30:00+01:00\"}"))
                .contains(new BookedTime(Instant.parse("2026-11-30T13:00:00Z"), Instant.parse("2026-11-30T13:30:00Z")));
    }

    @Test
    void anAppointmentWithoutEndHasAStartOnly() {
        assertThat(BookedTime.fromAppointment("{\"resourceType\":\"Appointment\",\"start\":\"2026-11-30T13:00:00Z\"}"))
                .contains(new BookedTime(Instant.parse("2026-11-30T13:00:00Z"), null));
    }

    @Test
    void anythingElseGivesNoTime() {
        assertThat(BookedTime.fromAppointment(null)).isEmpty();
        assertThat(BookedTime.fromAppointment("")).isEmpty();
        assertThat(BookedTime.fromAppointment("not json")).isEmpty();
        assertThat(BookedTime.fromAppointment("[1,2]")).isEmpty();
        assertThat(BookedTime.fromAppointment("{\"resourceType\":\"OperationOutcome\",\"start\":\"2026-11-30T13:00:00Z\"}"))
                .isEmpty();
        assertThat(BookedTime.fromAppointment("{\"resourceType\":\"Appointment\",\"status\":\"proposed\"}")).isEmpty();
        assertThat(BookedTime.fromAppointment("{\"resourceType\":\"Appointment\",\"start\":\"tomorrow\"}")).isEmpty();
        assertThat(BookedTime.fromAppointment("{\"resourceType\":\"Appointment\",\"start\":\"2026-11-30\"}")).isEmpty();
    }
}
