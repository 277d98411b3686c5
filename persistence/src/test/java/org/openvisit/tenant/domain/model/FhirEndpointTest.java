package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.tenant.domain.model.Endpoints.ADMIN;
import static org.openvisit.tenant.domain.model.Endpoints.ADMIN_OF_OTHER_ORG;
import static org.openvisit.tenant.domain.model.Endpoints.APPROVER;
import static org.openvisit.tenant.domain.model.Endpoints.APPROVER_OF_OTHER_ORG;
import static org.openvisit.tenant.domain.model.Endpoints.APPROVER_WITHOUT_ROLE;
import static org.openvisit.tenant.domain.model.Endpoints.OPERATOR;
import static org.openvisit.tenant.domain.model.Endpoints.ORG;
import static org.openvisit.tenant.domain.model.Endpoints.OTHER_ANALYST;
import static org.openvisit.tenant.domain.model.Endpoints.REPORT_READER;
import static org.openvisit.tenant.domain.model.Endpoints.T0;
import static org.openvisit.tenant.domain.model.Endpoints.at;
import static org.openvisit.tenant.domain.model.Endpoints.details;
import static org.openvisit.tenant.domain.model.Endpoints.draft;
import static org.openvisit.tenant.domain.model.Endpoints.inStatus;
import static org.openvisit.tenant.domain.model.Endpoints.url;

class FhirEndpointTest {

    @Nested
    class Creation {

        @Test
        void startsAsADraftWithTheEnteredValuesAndOneHistoryRow() {
            FhirEndpoint endpoint = draft();

            assertThat(endpoint.id()).isNotNull();
            assertThat(endpoint.organizationId()).isEqualTo(ORG);
            assertThat(endpoint.baseUrl().value()).isEqualTo("https://ehr.example.org/interconnect/api/FHIR/R4");
            assertThat(endpoint.environment()).isEqualTo(FhirEnvironment.PRODUCTION);
            assertThat(endpoint.label()).contains("Cardiology");
            assertThat(endpoint.approver()).isEqualTo(new PortalUsername("ehr.analyst"));
            assertThat(endpoint.status()).isEqualTo(EndpointStatus.DRAFT);
            assertThat(endpoint.isInService()).isFalse();
            assertThat(endpoint.ehrVerification()).isEmpty();
            assertThat(endpoint.createdAt()).isEqualTo(T0);
            assertThat(endpoint.details()).isEqualTo(details());

            assertThat(endpoint.history()).singleElement().satisfies(row -> {
                assertThat(row.sequence()).isEqualTo(1);
                assertThat(row.action()).isEqualTo(EndpointAction.CREATE);
                assertThat(row.from()).isEmpty();
                assertThat(row.to()).isEqualTo(EndpointStatus.DRAFT);
                assertThat(row.actor()).isEqualTo("it.admin");
                assertThat(row.at()).isEqualTo(T0);
                assertThat(row.reason()).isEmpty();
                assertThat(row.endpoint()).isSameAs(endpoint);
            });
        }

        @Test
        void twoEndpointsNeverShareAnId() {
            assertThat(draft().id()).isNotEqualTo(draft().id());
        }

        @Test
        void onlyAnAdminOfTheSameOrganizationMayCreate() {
            for (Actor actor : List.of(ADMIN_OF_OTHER_ORG, APPROVER, REPORT_READER, OPERATOR)) {
                assertThatThrownBy(() -> FhirEndpoint.create(ORG, details(), actor, T0))
                        .as(actor.username())
                        .isInstanceOf(EndpointActionForbiddenException.class)
                        .hasMessageContaining("ORG_ADMIN")
                        .satisfies(e -> assertThat(((EndpointActionForbiddenException) e).action())
                                .isEqualTo(EndpointAction.CREATE));
            }
        }

        @Test
        void historyIsReadOnlyFromOutside() {
            FhirEndpoint endpoint = draft();
            assertThatThrownBy(() -> endpoint.history().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class TheHappyPath {

        @Test
        void draftToApprovedRecordsEveryStepWithActorTimeAndReason() {
            FhirEndpoint endpoint = draft();
            endpoint.submitForApproval(ADMIN, at(1));
            endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Practitioner/E1001"), at(2));
            assertThat(endpoint.isInService()).isFalse();
            endpoint.approve(APPROVER, at(3));

            assertThat(endpoint.status()).isEqualTo(EndpointStatus.APPROVED);
            assertThat(endpoint.isInService()).isTrue();
            assertThat(endpoint.ehrVerification()).contains(new EhrVerification("Practitioner/E1001", at(2)));
            assertThat(endpoint.history()).extracting(EndpointStatusChange::sequence).containsExactly(1, 2, 3, 4);
            assertThat(endpoint.history()).extracting(EndpointStatusChange::action).containsExactly(
                    EndpointAction.CREATE, EndpointAction.SUBMIT, EndpointAction.RECORD_EHR_VERIFICATION,
                    EndpointAction.APPROVE);
            assertThat(endpoint.history()).extracting(row -> row.from().orElse(null)).containsExactly(
                    null, EndpointStatus.DRAFT, EndpointStatus.AWAITING_APPROVAL, EndpointStatus.EHR_VERIFIED);
            assertThat(endpoint.history()).extracting(EndpointStatusChange::to).containsExactly(
                    EndpointStatus.DRAFT, EndpointStatus.AWAITING_APPROVAL, EndpointStatus.EHR_VERIFIED,
                    EndpointStatus.APPROVED);
            assertThat(endpoint.history()).extracting(EndpointStatusChange::actor).containsExactly(
                    "it.admin", "it.admin", "ehr.analyst", "ehr.analyst");
            assertThat(endpoint.history()).extracting(EndpointStatusChange::at).containsExactly(
                    T0, at(1), at(2), at(3));
            assertThat(endpoint.history().get(2).reason()).contains("Signed in to the EHR as Practitioner/E1001");
        }

        @Test
        void adminAndApproverMayBeOnePersonWhoStillNeedsTheEhrSignIn() {
            Actor both = Actor.member("pat", ORG, Role.ORG_ADMIN, Role.EHR_ANALYST);
            FhirEndpoint endpoint = FhirEndpoint.create(ORG, new EndpointDetails(url("https://ehr.example.org/fhir"),
                    FhirEnvironment.TEST, null, new PortalUsername("pat")), both, T0);
            endpoint.submitForApproval(both, at(1));

            assertThatThrownBy(() -> endpoint.approve(both, at(2)))
                    .isInstanceOf(IllegalEndpointTransitionException.class)
                    .hasMessage("This endpoint is AWAITING_APPROVAL; it cannot be approved. It can only be edited, "
                            + "marked as EHR-verified, rejected or withdrawn.");

            endpoint.recordEhrVerification(both, endpoint.signInFor("Practitioner/pat"), at(3));
            endpoint.approve(both, at(4));
            assertThat(endpoint.isInService()).isTrue();
        }

        @Test
        void theApproverIsMatchedIgnoringCase() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
            endpoint.recordEhrVerification(Actor.member("EHR.Analyst", ORG, Role.EHR_ANALYST),
                    endpoint.signInFor("Practitioner/E1"), at(5));
            assertThat(endpoint.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
        }
    }

    @Nested
    class Guards {

        static Stream<Actor> notTheApprover() {
            return Stream.of(
                    OTHER_ANALYST,              // an analyst of the organization, but not the one named
                    APPROVER_OF_OTHER_ORG,      // the same username, in another organization
                    APPROVER_WITHOUT_ROLE,      // the named user without the EHR analyst role
                    ADMIN,                      // the admin trying to approve
                    REPORT_READER,
                    OPERATOR);
        }

        @ParameterizedTest
        @MethodSource("notTheApprover")
        void onlyTheNamedApproverMayRecordTheEhrVerification(Actor actor) {
            FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
            assertForbidden(endpoint, EndpointAction.RECORD_EHR_VERIFICATION,
                    e -> e.recordEhrVerification(actor, e.signInFor("Practitioner/X"), at(9)));
            assertThat(endpoint.ehrVerification()).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("notTheApprover")
        void onlyTheNamedApproverMayApprove(Actor actor) {
            FhirEndpoint endpoint = inStatus(EndpointStatus.EHR_VERIFIED);
            assertForbidden(endpoint, EndpointAction.APPROVE, e -> e.approve(actor, at(9)));
            assertThat(endpoint.isInService()).isFalse();
        }

        @ParameterizedTest
        @MethodSource("notTheApprover")
        void onlyTheNamedApproverMayReject(Actor actor) {
            FhirEndpoint endpoint = inStatus(EndpointStatus.EHR_VERIFIED);
            assertForbidden(endpoint, EndpointAction.REJECT, e -> e.reject(actor, "no", at(9)));
        }

        static Stream<Actor> notAnAdminOfTheOrganization() {
            return Stream.of(ADMIN_OF_OTHER_ORG, APPROVER, OTHER_ANALYST, REPORT_READER, OPERATOR);
        }

        @ParameterizedTest
        @MethodSource("notAnAdminOfTheOrganization")
        void onlyAnAdminOfTheOrganizationMayEdit(Actor actor) {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            EndpointDetails changed = new EndpointDetails(url("https://evil.example.net/fhir"),
                    FhirEnvironment.PRODUCTION, null, new PortalUsername("ehr.analyst"));
            assertForbidden(endpoint, EndpointAction.EDIT, e -> e.edit(changed, actor, at(9)));
            assertThat(endpoint.baseUrl().value()).isEqualTo("https://ehr.example.org/interconnect/api/FHIR/R4");
        }

        @ParameterizedTest
        @MethodSource("notAnAdminOfTheOrganization")
        void onlyAnAdminOfTheOrganizationMaySubmit(Actor actor) {
            FhirEndpoint endpoint = inStatus(EndpointStatus.DRAFT);
            assertForbidden(endpoint, EndpointAction.SUBMIT, e -> e.submitForApproval(actor, at(9)));
        }

        @Test
        void anAdminOfAnotherOrganizationMayNotWithdraw() {
            for (Actor actor : List.of(ADMIN_OF_OTHER_ORG, APPROVER, REPORT_READER)) {
                FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
                assertForbidden(endpoint, EndpointAction.WITHDRAW, e -> e.withdraw(actor, "because", at(9)));
            }
        }

        @Test
        void anOperatorMayWithdrawAsAnEmergencyStopAndTheRowNamesThem() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            endpoint.withdraw(OPERATOR, "EHR sends malformed launches; hospital informed by phone", at(9));

            assertThat(endpoint.status()).isEqualTo(EndpointStatus.WITHDRAWN);
            assertThat(endpoint.isInService()).isFalse();
            assertThat(endpoint.lastChange().actor()).isEqualTo("ops");
            assertThat(endpoint.lastChange().reason())
                    .contains("EHR sends malformed launches; hospital informed by phone");
        }

        @Test
        void theActorIsCheckedBeforeTheStatusSoOutsidersLearnNothing() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            assertThatThrownBy(() -> endpoint.approve(REPORT_READER, at(9)))
                    .isInstanceOf(EndpointActionForbiddenException.class);
        }

        private void assertForbidden(FhirEndpoint endpoint, EndpointAction action, Consumer<FhirEndpoint> attempt) {
            EndpointStatus before = endpoint.status();
            int rows = endpoint.history().size();
            assertThatThrownBy(() -> attempt.accept(endpoint))
                    .isInstanceOf(EndpointActionForbiddenException.class)
                    .hasMessageStartingWith("Only ")
                    .satisfies(e -> assertThat(((EndpointActionForbiddenException) e).action()).isEqualTo(action));
            assertThat(endpoint.status()).isEqualTo(before);
            assertThat(endpoint.history()).hasSize(rows);
        }
    }

    @Nested
    class Editing {

        private final EndpointDetails moved = new EndpointDetails(url("https://ehr2.example.org/FHIR/R4"),
                FhirEnvironment.PRODUCTION, "Cardiology", new PortalUsername("ehr.analyst"));

        @ParameterizedTest
        @EnumSource(value = EndpointStatus.class, names = {"APPROVED", "REJECTED", "EHR_VERIFIED", "AWAITING_APPROVAL"})
        void anyChangeUnderOrAfterReviewNeedsANewApprovalAndTakesTheEndpointOutOfService(EndpointStatus status) {
            FhirEndpoint endpoint = inStatus(status);

            assertThat(endpoint.edit(moved, ADMIN, at(20))).isTrue();

            assertThat(endpoint.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
            assertThat(endpoint.isInService()).isFalse();
            assertThat(endpoint.ehrVerification()).as("the old sign-in proved the old URL").isEmpty();
            assertThat(endpoint.baseUrl().value()).isEqualTo("https://ehr2.example.org/FHIR/R4");
            assertThat(endpoint.lastChange().action()).isEqualTo(EndpointAction.EDIT);
            assertThat(endpoint.lastChange().from()).contains(status);
            assertThat(endpoint.lastChange().reason()).contains("Changed: base URL");
        }

        @Test
        void aDraftStaysADraft() {
            FhirEndpoint endpoint = draft();
            endpoint.edit(new EndpointDetails(url("https://ehr.example.org/fhir"), FhirEnvironment.TEST, "  ",
                    new PortalUsername("someone.else")), ADMIN, at(1));

            assertThat(endpoint.status()).isEqualTo(EndpointStatus.DRAFT);
            assertThat(endpoint.environment()).isEqualTo(FhirEnvironment.TEST);
            assertThat(endpoint.label()).isEmpty();
            assertThat(endpoint.approver().value()).isEqualTo("someone.else");
            assertThat(endpoint.lastChange().reason()).contains("Changed: base URL, environment, label, approver");
            assertThat(endpoint.lastChange().from()).contains(EndpointStatus.DRAFT);
            assertThat(endpoint.lastChange().to()).isEqualTo(EndpointStatus.DRAFT);
        }

        @Test
        void changingOnlyTheApproverOfAnApprovedEndpointAlsoNeedsANewApproval() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            endpoint.edit(new EndpointDetails(endpoint.baseUrl(), endpoint.environment(), "Cardiology",
                    new PortalUsername("new.analyst")), ADMIN, at(20));

            assertThat(endpoint.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
            assertThat(endpoint.lastChange().reason()).contains("Changed: approver");
            // the previous approver can no longer act on it
            assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Practitioner/E1"), at(21)))
                    .isInstanceOf(EndpointActionForbiddenException.class);
            endpoint.recordEhrVerification(Actor.member("new.analyst", ORG, Role.EHR_ANALYST),
                    endpoint.signInFor("Practitioner/E9"), at(22));
            assertThat(endpoint.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
        }

        @Test
        void savingTheSameValuesChangesNothingAndKeepsAnApprovedEndpointInService() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            int rows = endpoint.history().size();

            assertThat(endpoint.edit(details(), ADMIN, at(20))).isFalse();

            assertThat(endpoint.status()).isEqualTo(EndpointStatus.APPROVED);
            assertThat(endpoint.isInService()).isTrue();
            assertThat(endpoint.history()).hasSize(rows);
        }

        @Test
        void anEquivalentSpellingOfTheUrlIsNotAChange() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            EndpointDetails same = new EndpointDetails(url("HTTPS://EHR.Example.ORG:443/interconnect/api/FHIR/R4/"),
                    FhirEnvironment.PRODUCTION, " Cardiology ", new PortalUsername("ehr.analyst"));
            assertThat(endpoint.edit(same, ADMIN, at(20))).isFalse();
            assertThat(endpoint.isInService()).isTrue();
        }
    }

    @Nested
    class Reasons {

        @Test
        void rejectingNeedsAReasonOf1To500Characters() {
            for (String missing : new String[] {null, "", "   \n "}) {
                FhirEndpoint endpoint = inStatus(EndpointStatus.EHR_VERIFIED);
                assertThatThrownBy(() -> endpoint.reject(APPROVER, missing, at(9)))
                        .isInstanceOf(InvalidEndpointException.class)
                        .hasMessage("A reason is required when rejecting an endpoint.")
                        .satisfies(e -> assertThat(((InvalidEndpointException) e).field()).isEqualTo("reason"));
                assertThat(endpoint.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
            }
            FhirEndpoint tooLong = inStatus(EndpointStatus.EHR_VERIFIED);
            assertThatThrownBy(() -> tooLong.reject(APPROVER, "x".repeat(501), at(9)))
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessage("The reason must be at most 500 characters.");

            FhirEndpoint longest = inStatus(EndpointStatus.EHR_VERIFIED);
            longest.reject(APPROVER, "  " + "x".repeat(500) + "  ", at(9));
            assertThat(longest.lastChange().reason()).contains("x".repeat(500));
        }

        @Test
        void withdrawingNeedsAReasonToo() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            assertThatThrownBy(() -> endpoint.withdraw(ADMIN, " ", at(9)))
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessage("A reason is required when withdrawing an endpoint.");
            assertThat(endpoint.isInService()).isTrue();
        }

        @Test
        void aRejectionKeepsItsReasonAndDropsTheEhrSignIn() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.EHR_VERIFIED);
            endpoint.reject(APPROVER, "This is the TEST server, not production", at(9));

            assertThat(endpoint.ehrVerification()).isEmpty();
            EndpointStatusChange row = endpoint.lastChange();
            assertThat(row.from()).contains(EndpointStatus.EHR_VERIFIED);
            assertThat(row.to()).isEqualTo(EndpointStatus.REJECTED);
            assertThat(row.actor()).isEqualTo("ehr.analyst");
            assertThat(row.at()).isEqualTo(at(9));
            assertThat(row.reason()).contains("This is the TEST server, not production");
        }

        @Test
        void theEhrUserIsRequired() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.AWAITING_APPROVAL);
            assertThatThrownBy(() -> endpoint.recordEhrVerification(APPROVER, endpoint.signInFor(" "), at(9)))
                    .isInstanceOf(EhrUserNotStaffException.class)
                    .satisfies(e -> assertThat(((EhrUserNotStaffException) e).reason())
                            .isEqualTo(EhrUserNotStaffException.Reason.NO_FHIR_USER));
            assertThat(endpoint.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
            assertThat(endpoint.history()).hasSize(2);
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void aWithdrawnEndpointCanBeSubmittedAgainAndGoesThroughTheWholeApproval() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.APPROVED);
            endpoint.withdraw(ADMIN, "Clinic closed for the winter", at(10));
            assertThat(endpoint.ehrVerification()).isEmpty();

            endpoint.submitForApproval(ADMIN, at(20));
            assertThat(endpoint.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
            assertThatThrownBy(() -> endpoint.approve(APPROVER, at(21)))
                    .isInstanceOf(IllegalEndpointTransitionException.class);

            endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Practitioner/E1001"), at(22));
            endpoint.approve(APPROVER, at(23));
            assertThat(endpoint.isInService()).isTrue();
            assertThat(endpoint.history()).extracting(EndpointStatusChange::to).endsWith(
                    EndpointStatus.WITHDRAWN, EndpointStatus.AWAITING_APPROVAL, EndpointStatus.EHR_VERIFIED,
                    EndpointStatus.APPROVED);
        }

        @Test
        void aWithdrawnEndpointCannotBeWithdrawnTwice() {
            FhirEndpoint endpoint = inStatus(EndpointStatus.WITHDRAWN);
            assertThatThrownBy(() -> endpoint.withdraw(OPERATOR, "again", at(9)))
                    .isInstanceOf(IllegalEndpointTransitionException.class)
                    .hasMessage("This endpoint is WITHDRAWN; it cannot be withdrawn. It can only be edited or "
                            + "submitted for approval.");
        }

        @Test
        void anApprovedEndpointNamesWhatIsStillPossible() {
            assertThatThrownBy(() -> inStatus(EndpointStatus.APPROVED).submitForApproval(ADMIN, at(9)))
                    .isInstanceOf(IllegalEndpointTransitionException.class)
                    .hasMessage("This endpoint is APPROVED; it cannot be submitted for approval. It can only be "
                            + "edited or withdrawn.");
        }
    }

    @Test
    void rolesAreCopiedSoTheActorCannotChangeLater() {
        Set<Role> roles = new java.util.HashSet<>(Set.of(Role.REPORT_READER));
        Actor actor = new Actor("x", ORG, roles);
        roles.add(Role.ORG_ADMIN);
        assertThat(actor.hasRole(Role.ORG_ADMIN)).isFalse();
    }
}
