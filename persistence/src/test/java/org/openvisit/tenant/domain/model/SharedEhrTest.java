package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.tenant.domain.model.Endpoints.ADMIN;
import static org.openvisit.tenant.domain.model.Endpoints.ORG;
import static org.openvisit.tenant.domain.model.Endpoints.T0;
import static org.openvisit.tenant.domain.model.Endpoints.at;
import static org.openvisit.tenant.domain.model.Endpoints.details;
import static org.openvisit.tenant.domain.model.Endpoints.draft;
import static org.openvisit.tenant.domain.model.Endpoints.inStatus;
import static org.openvisit.tenant.domain.model.Endpoints.url;

/**
 * A FHIR base URL another organization uses is registered (or edited to) only as a shared EHR the
 * administrator confirmed; the choice is kept and written in the history. The refusal names nobody.
 */
class SharedEhrTest {

    private static final EhrSharing USED_NOT_CONFIRMED = new EhrSharing(true, false);
    private static final EhrSharing USED_CONFIRMED = new EhrSharing(true, true);

    @Test
    void aUrlNobodyElseUsesIsTheOrganizationsOwnConfirmedOrNot() {
        assertThat(draft().isSharedEhr()).isFalse();
        FhirEndpoint confirmedNeedlessly = FhirEndpoint.create(ORG, details(), new EhrSharing(false, true), ADMIN, T0);
        assertThat(confirmedNeedlessly.isSharedEhr()).isFalse();
        assertThat(confirmedNeedlessly.lastChange().reason()).isEmpty();
    }

    @Test
    void aUrlAnotherOrganizationUsesIsRefusedUnlessConfirmed() {
        assertThatThrownBy(() -> FhirEndpoint.create(ORG, details(), USED_NOT_CONFIRMED, ADMIN, T0))
                .isInstanceOfSatisfying(SharedEhrNotConfirmedException.class, e -> {
                    assertThat(e.baseUrl()).isEqualTo(details().baseUrl().value());
                    assertThat(e.getMessage()).contains("already registered by another organization")
                            .contains("shared EHR").doesNotContain(Endpoints.OTHER_ORG.toString());
                });

        FhirEndpoint shared = FhirEndpoint.create(ORG, details(), USED_CONFIRMED, ADMIN, T0);
        assertThat(shared.isSharedEhr()).isTrue();
        assertThat(shared.status()).isEqualTo(EndpointStatus.DRAFT);
        assertThat(shared.lastChange().action()).isEqualTo(EndpointAction.CREATE);
        assertThat(shared.lastChange().reason()).hasValueSatisfying(r -> assertThat(r).startsWith("Confirmed as a shared EHR"));
    }

    @Test
    void editingToAUrlAnotherOrganizationUsesNeedsTheSameConfirmation() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
        EndpointDetails toShared = new EndpointDetails(url("https://shared-ehr.example.org/fhir/R4"),
                endpoint.environment(), "Cardiology", endpoint.approver());
        int rows = endpoint.history().size();

        assertThatThrownBy(() -> endpoint.edit(toShared, USED_NOT_CONFIRMED, ADMIN, at(10)))
                .isInstanceOf(SharedEhrNotConfirmedException.class);
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.APPROVED);
        assertThat(endpoint.baseUrl().value()).isEqualTo("https://ehr.example.org/interconnect/api/FHIR/R4");
        assertThat(endpoint.history()).hasSize(rows);

        assertThat(endpoint.edit(toShared, USED_CONFIRMED, ADMIN, at(11))).isTrue();
        assertThat(endpoint.isSharedEhr()).isTrue();
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(endpoint.lastChange().reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("Changed: base URL").contains("Confirmed as a shared EHR"));
    }

    @Test
    void theChoiceStaysWhileTheUrlStaysAndGoesWithIt() {
        FhirEndpoint endpoint = FhirEndpoint.create(ORG, details(), USED_CONFIRMED, ADMIN, T0);
        // another change than the URL: nothing asked, the recorded choice stays
        endpoint.edit(new EndpointDetails(endpoint.baseUrl(), endpoint.environment(), "Dermatology",
                endpoint.approver()), USED_NOT_CONFIRMED, ADMIN, at(1));
        assertThat(endpoint.isSharedEhr()).isTrue();
        assertThat(endpoint.lastChange().reason()).hasValue("Changed: label");

        // a new URL nobody else uses: the organization's own again
        endpoint.edit(new EndpointDetails(url("https://own-ehr.example.org/fhir"), endpoint.environment(),
                "Dermatology", endpoint.approver()), EhrSharing.NOT_SHARED, ADMIN, at(2));
        assertThat(endpoint.isSharedEhr()).isFalse();
        assertThat(endpoint.lastChange().reason()).hasValue("Changed: base URL");
    }
}
