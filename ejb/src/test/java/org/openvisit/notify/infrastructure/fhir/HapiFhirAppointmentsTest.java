package org.openvisit.notify.infrastructure.fhir;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A next link is followed only on the endpoint's own FHIR base (the token would go wherever it points). */
class HapiFhirAppointmentsTest {

    private static final String BASE = "https://ehr.example.org/api/FHIR/R4";

    @Test
    void nextLinksOnTheBaseAreFollowedOthersAreNot() {
        assertThat(HapiFhirAppointments.onBase(BASE + "?_getpages=abc&_getpagesoffset=2", BASE)).isTrue();
        assertThat(HapiFhirAppointments.onBase(BASE + "/Appointment?date=ge2026&page=2", BASE)).isTrue();
        assertThat(HapiFhirAppointments.onBase("https://EHR.example.org/api/FHIR/R4/Appointment?p=2", BASE + "/"))
                .isTrue();
        assertThat(HapiFhirAppointments.onBase("https://evil.example.org/api/FHIR/R4/Appointment", BASE)).isFalse();
        assertThat(HapiFhirAppointments.onBase("http://ehr.example.org/api/FHIR/R4/Appointment", BASE)).isFalse();
        assertThat(HapiFhirAppointments.onBase("https://ehr.example.org:8443/api/FHIR/R4/Appointment", BASE))
                .isFalse();
        assertThat(HapiFhirAppointments.onBase("https://ehr.example.org/api/FHIR/R4x/Appointment", BASE)).isFalse();
        assertThat(HapiFhirAppointments.onBase("https://ehr.example.org/api/FHIR/R4/../../other/Appointment", BASE))
                .isFalse();
        assertThat(HapiFhirAppointments.onBase("https://user@ehr.example.org/api/FHIR/R4/Appointment", BASE)).isFalse();
        assertThat(HapiFhirAppointments.onBase("not a url", BASE)).isFalse();
        assertThat(HapiFhirAppointments.onBase("/api/FHIR/R4/Appointment", BASE)).isFalse();
    }
}
