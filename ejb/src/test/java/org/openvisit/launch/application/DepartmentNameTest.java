package org.openvisit.launch.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The launch's department: its Location reference, and only the name read from it. */
class DepartmentNameTest {

    private static final String BASE = "https://ehr.example.org/fhir";

    @Test
    void theLaunchLocationIsAnIdOrAReferenceOnTheEndpointsServer() {
        assertThat(DepartmentName.reference("loc-riverside-virtual", BASE)).contains("Location/loc-riverside-virtual");
        assertThat(DepartmentName.reference("Location/12", BASE)).contains("Location/12");
        assertThat(DepartmentName.reference(BASE + "/Location/12", BASE)).contains("Location/12");
        assertThat(DepartmentName.reference("https://other.example.org/fhir/Location/12", BASE)).isEmpty();
        assertThat(DepartmentName.reference("Patient/7", BASE)).isEmpty();
        assertThat(DepartmentName.reference("../Patient/7", BASE)).isEmpty();
        assertThat(DepartmentName.reference("a b", BASE)).isEmpty();
        assertThat(DepartmentName.reference(null, BASE)).isEmpty();
    }

    @Test
    void onlyTheNameOfALocationIsRead() {
        assertThat(DepartmentName.fromLocation("{\"resourceType\":\"Location\",\"id\":\"x\",\"name\":\" Riverside Virtual Care \","
                + "\"telecom\":[{\"value\":\"555\"}]}")).contains("Riverside Virtual Care");
        assertThat(DepartmentName.fromLocation("{\"resourceType\":\"Patient\",\"name\":\"Leo\"}")).isEmpty();
        assertThat(DepartmentName.fromLocation("{\"resourceType\":\"Location\"}")).isEmpty();
        assertThat(DepartmentName.fromLocation("not json")).isEmpty();
        assertThat(DepartmentName.fromLocation(null)).isEmpty();
    }
}
