package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointDetailsTest {

    private static final FhirBaseUrl URL = FhirBaseUrl.of("https://ehr.example.org/fhir", OutboundAddressPolicy.PRODUCTION);
    private static final PortalUsername APPROVER = new PortalUsername("ehr.analyst");

    @Test
    void labelIsTrimmedCollapsedAndBlankMeansNone() {
        assertThat(new EndpointDetails(URL, FhirEnvironment.TEST, "  Cardiology \t West ", APPROVER).label())
                .isEqualTo("Cardiology West");
        assertThat(new EndpointDetails(URL, FhirEnvironment.TEST, "   ", APPROVER).label()).isNull();
        assertThat(new EndpointDetails(URL, FhirEnvironment.TEST, null, APPROVER).label()).isNull();
    }

    @Test
    void labelAcceptsExactly120Characters() {
        assertThat(new EndpointDetails(URL, FhirEnvironment.TEST, "x".repeat(120), APPROVER).label()).hasSize(120);
        assertThatThrownBy(() -> new EndpointDetails(URL, FhirEnvironment.TEST, "x".repeat(121), APPROVER))
                .isInstanceOf(InvalidEndpointException.class)
                .satisfies(e -> assertThat(((InvalidEndpointException) e).field()).isEqualTo("label"));
    }

    @Test
    void missingValuesNameTheirField() {
        assertThatThrownBy(() -> new EndpointDetails(null, FhirEnvironment.TEST, null, APPROVER))
                .isInstanceOf(InvalidFhirBaseUrlException.class)
                .satisfies(e -> assertThat(((InvalidEndpointException) e).field()).isEqualTo("baseUrl"));
        assertThatThrownBy(() -> new EndpointDetails(URL, null, null, APPROVER))
                .satisfies(e -> assertThat(((InvalidEndpointException) e).field()).isEqualTo("environment"));
        assertThatThrownBy(() -> new EndpointDetails(URL, FhirEnvironment.TEST, null, null))
                .satisfies(e -> assertThat(((InvalidEndpointException) e).field()).isEqualTo("approver"));
    }

    @Test
    void approverUsernamesAreTrimmedAndRefuseSpaces() {
        assertThat(new PortalUsername("  jane.doe ").value()).isEqualTo("jane.doe");
        assertThatThrownBy(() -> new PortalUsername("jane doe"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("spaces");
        assertThatThrownBy(() -> new PortalUsername(""))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("required");
        assertThatThrownBy(() -> new PortalUsername("x".repeat(255)))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("at most 254");
    }
}
