package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.tenant.domain.model.Endpoints.ADMIN;
import static org.openvisit.tenant.domain.model.Endpoints.APPROVER;
import static org.openvisit.tenant.domain.model.Endpoints.OTHER_ANALYST;
import static org.openvisit.tenant.domain.model.Endpoints.at;
import static org.openvisit.tenant.domain.model.Endpoints.inStatus;
import static org.openvisit.tenant.domain.model.Endpoints.url;

/**
 * The approver's EHR sign-in is bound to the endpoint's FHIR base URL and version when it starts; it is
 * recorded only for exactly that endpoint, and only when it proves staff access. Whatever is refused leaves
 * the endpoint and its history as they were.
 */
class EhrSignInBindingTest {

    @Test
    void aPractitionerSignInOfTheUnchangedEndpointIsRecorded() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        EhrSignIn signIn = endpoint.signInFor("https://ehr.example.org/interconnect/api/FHIR/R4/Practitioner/E1");
        assertThat(signIn.fhirBaseUrl()).isEqualTo(endpoint.baseUrl().value());
        assertThat(signIn.endpointVersion()).isEqualTo(endpoint.version());

        endpoint.recordEhrVerification(APPROVER, signIn, at(5));

        assertThat(endpoint.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
        assertThat(endpoint.ehrVerification()).hasValueSatisfying(v -> assertThat(v.ehrUserId())
                .isEqualTo("https://ehr.example.org/interconnect/api/FHIR/R4/Practitioner/E1"));
        assertThat(endpoint.lastChange().reason()).hasValue(
                "Signed in to the EHR as https://ehr.example.org/interconnect/api/FHIR/R4/Practitioner/E1");
    }

    @Test
    void aPatientSignInIsRefusedAndNothingIsRecorded() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        int rows = endpoint.history().size();
        assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Patient/p-1"), at(5)))
                .isInstanceOfSatisfying(EhrUserNotStaffException.class,
                        e -> assertThat(e.reason()).isEqualTo(EhrUserNotStaffException.Reason.PATIENT));
        assertUnchanged(endpoint, rows);
    }

    @Test
    void aSignInWithoutFhirUserIsRefused() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        int rows = endpoint.history().size();
        assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("x9Gk2pQ"), at(5)))
                .isInstanceOfSatisfying(EhrUserNotStaffException.class,
                        e -> assertThat(e.reason()).isEqualTo(EhrUserNotStaffException.Reason.NO_FHIR_USER));
        assertUnchanged(endpoint, rows);
    }

    @Test
    void aSignInStartedBeforeTheUrlWasEditedIsDiscarded() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        EhrSignIn started = endpoint.signInFor("Practitioner/E1");
        endpoint.edit(new EndpointDetails(url("https://other-ehr.example.org/fhir"), endpoint.environment(),
                "Cardiology", endpoint.approver()), ADMIN, at(4));
        int rows = endpoint.history().size();

        assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, started, at(5)))
                .isInstanceOfSatisfying(EndpointChangedDuringSignInException.class, e -> {
                    assertThat(e.change()).isEqualTo(EndpointChangedDuringSignInException.Change.BASE_URL);
                    assertThat(e.signedInAt()).isEqualTo("https://ehr.example.org/interconnect/api/FHIR/R4");
                    assertThat(e.currentBaseUrl()).isEqualTo("https://other-ehr.example.org/fhir");
                    assertThat(e.getMessage()).contains("discarded", "nothing was recorded");
                });
        assertUnchanged(endpoint, rows);
    }

    @Test
    void aSignInStartedBeforeAWithdrawalIsDiscarded() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        EhrSignIn started = endpoint.signInFor("Practitioner/E1");
        endpoint.withdraw(ADMIN, "wrong department", at(4));

        assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, started, at(5)))
                .isInstanceOfSatisfying(EndpointChangedDuringSignInException.class, e -> {
                    assertThat(e.change()).isEqualTo(EndpointChangedDuringSignInException.Change.STATUS);
                    assertThat(e.currentStatus()).isEqualTo(EndpointStatus.WITHDRAWN);
                });
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.WITHDRAWN);
        assertThat(endpoint.ehrVerification()).isEmpty();
    }

    @Test
    void aSignInOfAnOlderVersionIsDiscarded() {
        // a change of the stored row that wrote no history (a setting) moves the version only
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        EhrSignIn current = endpoint.signInFor("Practitioner/E1");
        EhrSignIn older = new EhrSignIn("Practitioner/E1", current.fhirBaseUrl(), current.endpointVersion() - 1,
                current.lastChange());
        int rows = endpoint.history().size();

        assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, older, at(5)))
                .isInstanceOfSatisfying(EndpointChangedDuringSignInException.class,
                        e -> assertThat(e.change()).isEqualTo(EndpointChangedDuringSignInException.Change.OTHER));
        assertUnchanged(endpoint, rows);
    }

    @Test
    void aSignInStartedBeforeARejectionAndAResubmissionIsDiscarded() {
        // the same URL and AWAITING_APPROVAL again, but not the endpoint the approver signed in for
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        EhrSignIn started = endpoint.signInFor("Practitioner/E1");
        endpoint.reject(APPROVER, "wrong environment", at(3));
        endpoint.submitForApproval(ADMIN, at(4));
        int rows = endpoint.history().size();

        assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, started, at(5)))
                .isInstanceOfSatisfying(EndpointChangedDuringSignInException.class,
                        e -> assertThat(e.change()).isEqualTo(EndpointChangedDuringSignInException.Change.OTHER));
        assertUnchanged(endpoint, rows);
    }

    @Test
    void onlyTheNamedApproverIsAskedAnythingAtAll() {
        FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
        EhrSignIn started = endpoint.signInFor("Patient/p-1");
        endpoint.withdraw(ADMIN, "gone", at(4));
        // another analyst learns nothing of the endpoint's state or of the sign-in's user
        assertThatThrownBy(() -> endpoint.recordEhrVerification(OTHER_ANALYST, started, at(5)))
                .isInstanceOf(EndpointActionForbiddenException.class);
    }

    private static void assertUnchanged(FhirEndpoint endpoint, int rows) {
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(endpoint.ehrVerification()).isEmpty();
        assertThat(endpoint.history()).hasSize(rows);
    }
}
