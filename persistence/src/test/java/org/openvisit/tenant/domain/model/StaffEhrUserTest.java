package org.openvisit.tenant.domain.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which EHR users of an approver's EHR sign-in prove staff access to the endpoint's EHR. */
class StaffEhrUserTest {

    private static final FhirBaseUrl BASE = FhirBaseUrl.of("https://ehr.example.org/interconnect/api/FHIR/R4",
            OutboundAddressPolicy.PRODUCTION);

    @ParameterizedTest
    @ValueSource(strings = {
            "Practitioner/123",
            "PractitionerRole/role-9.a",
            "Practitioner/eVbEU2hkqkCSUcM1fhf0cCA3",
            "Practitioner/123/_history/4",
            "https://ehr.example.org/interconnect/api/FHIR/R4/Practitioner/123",
            "https://ehr.example.org/interconnect/api/FHIR/R4/PractitionerRole/77",
            // the same base in another spelling: upper-case host, default port, trailing slash
            "HTTPS://EHR.Example.org:443/interconnect/api/FHIR/R4/Practitioner/123"})
    void practitionersAndPractitionerRolesOfThisEhrAreStaff(String fhirUser) {
        assertThat(StaffEhrUser.of(fhirUser, BASE).reference()).isEqualTo(fhirUser);
    }

    @ParameterizedTest
    @CsvSource({
            "Patient/123, PATIENT, Patient",
            "https://ehr.example.org/interconnect/api/FHIR/R4/Patient/eq081-VQEgP8drUUqCWzHfw3, PATIENT, Patient",
            "RelatedPerson/proxy-1, RELATED_PERSON, RelatedPerson",
            "https://ehr.example.org/interconnect/api/FHIR/R4/RelatedPerson/9, RELATED_PERSON, RelatedPerson",
            "Person/5, OTHER_USER_TYPE, Person",
            "Device/kiosk-1, OTHER_USER_TYPE, Device",
            "https://other.example.org/fhir/Practitioner/123, OTHER_SERVER, Practitioner",
            "https://ehr.example.org/interconnect/api/FHIR/DSTU2/Practitioner/123, OTHER_SERVER, Practitioner",
            "http://ehr.example.org/interconnect/api/FHIR/R4/Practitioner/123, OTHER_SERVER, Practitioner"})
    void patientsProxiesOtherKindsAndOtherServersAreNot(String fhirUser, EhrUserNotStaffException.Reason reason,
                                                        String type) {
        assertThatThrownBy(() -> StaffEhrUser.of(fhirUser, BASE))
                .isInstanceOfSatisfying(EhrUserNotStaffException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.resourceType()).isEqualTo(type);
                    // a patient's id is not repeated in a message that may reach a page or a log
                    assertThat(e.getMessage()).doesNotContain("123").doesNotContain("eq081").doesNotContain("proxy-1");
                });
    }

    /** The EHR layer answers fhirUser, else sub: an account id is no FHIR reference and proves nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a1b2c3d4e5", "12742069", "E1001", "practitioner/123", "Practitioner/",
            "Practitioner/has space", "urn:oid:1.2.3/Practitioner/1"})
    void aSubjectWithoutFhirUserIsRefused(String sub) {
        assertThatThrownBy(() -> StaffEhrUser.of(sub, BASE))
                .isInstanceOfSatisfying(EhrUserNotStaffException.class, e -> {
                    assertThat(e.reason()).isEqualTo(EhrUserNotStaffException.Reason.NO_FHIR_USER);
                    assertThat(e.getMessage()).contains("fhirUser");
                });
    }

    @org.junit.jupiter.api.Test
    void nullIsNoUser() {
        assertThatThrownBy(() -> StaffEhrUser.of(null, BASE))
                .isInstanceOfSatisfying(EhrUserNotStaffException.class,
                        e -> assertThat(e.reason()).isEqualTo(EhrUserNotStaffException.Reason.NO_FHIR_USER));
    }
}
