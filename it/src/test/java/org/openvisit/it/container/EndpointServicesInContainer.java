package org.openvisit.it.container;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.openvisit.tenant.application.ConcurrentEndpointChangeException;
import org.openvisit.tenant.application.DuplicateEndpointException;
import org.openvisit.tenant.application.EndpointChanges;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointSummary;
import org.openvisit.tenant.application.EndpointView;
import org.openvisit.tenant.application.NewEndpoint;
import org.openvisit.tenant.application.NewOrganization;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.SharingOrganization;
import org.openvisit.tenant.application.StatusChangeView;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrSignIn;
import org.openvisit.tenant.domain.model.EhrUserNotStaffException;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EndpointActionForbiddenException;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.IllegalEndpointTransitionException;
import org.openvisit.tenant.domain.model.InvalidEndpointException;
import org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.tenant.domain.model.SharedEhrNotConfirmedException;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The FHIR endpoint services inside Payara Micro (run by {@link ServicesInContainerIT}), so
 * transactions, optimistic locking, Bean Validation, configuration and exception handling are the
 * container's own. The container runs with the default configuration (production mode, private
 * addresses refused).
 */
interface EndpointServicesInContainer {


    EndpointService endpoints();

    OrganizationService organizations();

    // --- the approval walk -------------------------------------------------------------------------------

    @Test
    default void anEndpointWalksFromDraftToApprovedWithAHistoryRowForEveryStep() {
        Tenant org = tenant();
        String url = uniqueUrl();

        EndpointView draft = endpoints().register(org.admin, org.newEndpoint(url, FhirEnvironment.PRODUCTION), false);
        assertThat(draft.status()).isEqualTo(EndpointStatus.DRAFT);
        assertThat(draft.organizationId()).isEqualTo(org.id);
        assertThat(draft.baseUrl()).isEqualTo(url);
        assertThat(draft.label()).isEqualTo("Cardiology");
        assertThat(draft.approver()).isEqualTo(org.analyst.username());
        assertThat(draft.inService()).isFalse();
        assertThat(draft.version()).isEqualTo(1L);
        assertThat(draft.allowedActions()).containsExactlyInAnyOrder(EndpointAction.EDIT, EndpointAction.SUBMIT,
                EndpointAction.WITHDRAW, EndpointAction.SET_FRAME_ANCESTORS);

        EndpointView submitted = endpoints().submitForApproval(org.admin, draft.id());
        assertThat(submitted.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(submitted.version()).isGreaterThan(draft.version());

        // approving before the approver's EHR sign-in is refused, and changes nothing
        assertThatThrownBy(() -> endpoints().approve(org.analyst, draft.id()))
                .isExactlyInstanceOf(IllegalEndpointTransitionException.class);
        assertThat(endpoints().find(org.admin, draft.id()).version()).isEqualTo(submitted.version());

        EndpointView verified = endpoints().recordEhrVerification(org.analyst, draft.id(), "Practitioner/E1001");
        assertThat(verified.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
        assertThat(verified.ehrUserId()).isEqualTo("Practitioner/E1001");
        assertThat(verified.ehrVerifiedAt()).isNotNull();
        assertThat(verified.inService()).isFalse();

        EndpointView approved = endpoints().approve(org.analyst, draft.id());
        assertThat(approved.status()).isEqualTo(EndpointStatus.APPROVED);
        assertThat(approved.inService()).isTrue();

        // what is stored, read again in a new transaction
        EndpointView stored = endpoints().find(org.admin, draft.id());
        assertThat(stored.status()).isEqualTo(EndpointStatus.APPROVED);
        assertThat(stored.version()).isEqualTo(approved.version());
        assertThat(stored.ehrUserId()).isEqualTo("Practitioner/E1001");
        assertThat(stored.history())
                .extracting(StatusChangeView::sequence, StatusChangeView::action, StatusChangeView::from,
                        StatusChangeView::to, StatusChangeView::actor)
                .containsExactly(
                        tuple(1, EndpointAction.CREATE, null, EndpointStatus.DRAFT, org.admin.username()),
                        tuple(2, EndpointAction.SUBMIT, EndpointStatus.DRAFT, EndpointStatus.AWAITING_APPROVAL,
                                org.admin.username()),
                        tuple(3, EndpointAction.RECORD_EHR_VERIFICATION, EndpointStatus.AWAITING_APPROVAL,
                                EndpointStatus.EHR_VERIFIED, org.analyst.username()),
                        tuple(4, EndpointAction.APPROVE, EndpointStatus.EHR_VERIFIED, EndpointStatus.APPROVED,
                                org.analyst.username()));
        assertThat(stored.history().get(2).reason()).contains("Practitioner/E1001");
        assertThat(stored.history()).allSatisfy(row -> assertThat(row.at()).isNotNull());
        assertThat(endpoints().history(org.analyst, draft.id())).isEqualTo(stored.history());
        assertThat(endpoints().list(org.admin, org.id, 0, 10).items()).singleElement()
                .satisfies(row -> {
                    assertThat(row.id()).isEqualTo(draft.id());
                    assertThat(row.status()).isEqualTo(EndpointStatus.APPROVED);
                    assertThat(row.inService()).isTrue();
                });
    }

    @Test
    default void registeringCanSubmitAtOnce() {
        Tenant org = tenant();
        EndpointView view = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), true);

        assertThat(view.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(endpoints().find(org.admin, view.id()).history()).extracting(StatusChangeView::action)
                .containsExactly(EndpointAction.CREATE, EndpointAction.SUBMIT);
    }

    @Test
    default void rejectingAndWithdrawingRecordTheReason() {
        Tenant org = tenant();
        UUID rejected = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), true).id();
        UUID withdrawn = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), false).id();

        assertThat(endpoints().reject(org.analyst, rejected, "  Wrong environment ").status())
                .isEqualTo(EndpointStatus.REJECTED);
        assertThat(endpoints().withdraw(org.admin, withdrawn, "Department closed").status())
                .isEqualTo(EndpointStatus.WITHDRAWN);
        assertThatThrownBy(() -> endpoints().withdraw(org.admin, rejected, " "))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.field()).isEqualTo("reason"));

        assertThat(endpoints().find(org.admin, rejected).history()).last()
                .satisfies(row -> assertThat(row.reason()).isEqualTo("Wrong environment"));
        assertThat(endpoints().find(org.admin, rejected).status()).isEqualTo(EndpointStatus.REJECTED);
        assertThat(endpoints().find(org.admin, withdrawn).history()).last()
                .satisfies(row -> assertThat(row.reason()).isEqualTo("Department closed"));
    }

    // --- editing -----------------------------------------------------------------------------------------

    @Test
    default void editingAnApprovedEndpointTakesItOutOfServiceUntilApprovedAgain() {
        Tenant org = tenant();
        String url = uniqueUrl();
        EndpointView approved = approvedEndpoint(org, url, FhirEnvironment.PRODUCTION);
        assertThat(endpoints().findApprovedByIssuer(url)).extracting(EndpointSummary::id).containsExactly(approved.id());

        String newUrl = uniqueUrl();
        EndpointView edited = endpoints().edit(org.admin, approved.id(),
                new EndpointChanges(newUrl, FhirEnvironment.PRODUCTION, "Cardiology", org.analyst.username()),
                approved.version());

        assertThat(edited.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(edited.inService()).isFalse();
        assertThat(edited.version()).isGreaterThan(approved.version());
        EndpointView stored = endpoints().find(org.admin, approved.id());
        assertThat(stored.baseUrl()).isEqualTo(newUrl);
        assertThat(stored.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(stored.ehrUserId()).isNull();
        assertThat(stored.ehrVerifiedAt()).isNull();
        assertThat(stored.history()).last().satisfies(row -> {
            assertThat(row.action()).isEqualTo(EndpointAction.EDIT);
            assertThat(row.from()).isEqualTo(EndpointStatus.APPROVED);
            assertThat(row.to()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
            assertThat(row.reason()).isEqualTo("Changed: base URL");
        });
        // a launch from either address is refused now
        assertThat(endpoints().findApprovedByIssuer(url)).isEmpty();
        assertThat(endpoints().findApprovedByIssuer(newUrl)).isEmpty();
    }

    @Test
    default void savingTheSameValuesChangesNothing() {
        Tenant org = tenant();
        EndpointView approved = approvedEndpoint(org, uniqueUrl(), FhirEnvironment.TEST);

        // the same values as the form may send them back: a trailing slash, spaces around the label
        EndpointView same = endpoints().edit(org.admin, approved.id(), new EndpointChanges(approved.baseUrl() + "/",
                FhirEnvironment.TEST, "  Cardiology ", approved.approver()), approved.version());

        assertThat(same.status()).isEqualTo(EndpointStatus.APPROVED);
        assertThat(same.inService()).isTrue();
        assertThat(same.version()).isEqualTo(approved.version());
        EndpointView stored = endpoints().find(org.admin, approved.id());
        assertThat(stored.version()).isEqualTo(approved.version());
        assertThat(stored.history()).hasSameSizeAs(approved.history());
    }

    @Test
    default void aSecondEditWithTheSameExpectedVersionIsRefusedAndTheFirstEditStays() {
        Tenant org = tenant();
        EndpointView draft = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), false);
        long readVersion = draft.version();

        EndpointView first = endpoints().edit(org.admin, draft.id(),
                new EndpointChanges(draft.baseUrl(), FhirEnvironment.TEST, "Oncology", org.analyst.username()),
                readVersion);
        assertThat(first.label()).isEqualTo("Oncology");

        Throwable second = catchThrowable(() -> endpoints().edit(org.admin, draft.id(),
                new EndpointChanges(draft.baseUrl(), FhirEnvironment.TEST, "Radiology", org.analyst.username()),
                readVersion));

        assertThat(second).isExactlyInstanceOf(ConcurrentEndpointChangeException.class)
                .hasMessage("Someone else changed this endpoint while you were editing it. "
                        + "Reload it to see their change.");
        EndpointView stored = endpoints().find(org.admin, draft.id());
        assertThat(stored.label()).isEqualTo("Oncology");
        assertThat(stored.version()).isEqualTo(first.version());
        assertThat(stored.history()).hasSize(2);
    }

    @Test
    default void aChangeCommittedByAnotherTransactionMeanwhileIsDetectedWhenWriting() throws Exception {
        Tenant org = tenant();
        EndpointView draft = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), false);
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        ManagedExecutorService otherThread = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");

        transaction.begin();
        Throwable refused;
        try {
            // this transaction reads the endpoint (version 1) ...
            assertThat(endpoints().find(org.admin, draft.id()).version()).isEqualTo(draft.version());
            // ... another one changes it and commits ...
            EndpointView theirs = otherThread.submit(() -> endpoints().edit(org.admin, draft.id(),
                    new EndpointChanges(draft.baseUrl(), FhirEnvironment.TEST, "Their change", org.analyst.username()),
                    draft.version())).get(60, TimeUnit.SECONDS);
            assertThat(theirs.version()).isGreaterThan(draft.version());
            // ... and this one, still holding version 1, saves: the version check passes, the write does not
            refused = catchThrowable(() -> endpoints().edit(org.admin, draft.id(),
                    new EndpointChanges(draft.baseUrl(), FhirEnvironment.TEST, "My change", org.analyst.username()),
                    draft.version()));
            assertThat(transaction.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
        } finally {
            transaction.rollback();
        }

        assertThat(refused).isExactlyInstanceOf(ConcurrentEndpointChangeException.class);
        EndpointView stored = endpoints().find(org.admin, draft.id());
        assertThat(stored.label()).isEqualTo("Their change");
        assertThat(stored.history()).extracting(StatusChangeView::action)
                .containsExactly(EndpointAction.CREATE, EndpointAction.EDIT);
    }

    // --- tenants are kept apart --------------------------------------------------------------------------

    @Test
    default void anEndpointOfAnotherOrganizationIsAnsweredAsIfItDidNotExist() {
        Tenant a = tenant();
        Tenant b = tenant();
        EndpointView theirs = endpoints().register(b.admin, b.newEndpoint(uniqueUrl(), FhirEnvironment.PRODUCTION),
                true);
        UUID id = theirs.id();
        EndpointChanges changes = new EndpointChanges(uniqueUrl(), FhirEnvironment.PRODUCTION, "Taken over",
                a.analyst.username());
        // A's admin and A's analyst, even one with B's approver's username
        Actor lookalike = Actor.member(b.analyst.username(), a.id, Role.EHR_ANALYST, Role.ORG_ADMIN);
        Actor readerOfA = Actor.member("reader.a", a.id, Role.REPORT_READER);

        for (Actor outsider : List.of(a.admin, a.analyst, lookalike, readerOfA)) {
            List<Runnable> attempts = List.of(
                    () -> endpoints().find(outsider, id),
                    () -> endpoints().history(outsider, id),
                    () -> endpoints().edit(outsider, id, changes, theirs.version()),
                    () -> endpoints().submitForApproval(outsider, id),
                    () -> endpoints().recordEhrVerification(outsider, id, "Practitioner/X"),
                    () -> endpoints().approve(outsider, id),
                    () -> endpoints().reject(outsider, id, "Not ours"),
                    () -> endpoints().withdraw(outsider, id, "Not ours"));
            for (Runnable attempt : attempts) {
                assertThatThrownBy(attempt::run).isExactlyInstanceOf(EndpointNotFoundException.class)
                        .hasMessage("There is no FHIR endpoint with the id " + id + ".");
            }
            assertThat(endpoints().list(outsider, b.id, 0, 50)).satisfies(page -> {
                assertThat(page.items()).isEmpty();
                assertThat(page.total()).isZero();
            });
        }
        // the answer for an unknown id is the same
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> endpoints().find(a.admin, unknown)).isExactlyInstanceOf(EndpointNotFoundException.class)
                .hasMessage("There is no FHIR endpoint with the id " + unknown + ".");
        // adding to B's organization is refused like adding to one that does not exist
        Throwable toB = catchThrowable(() -> endpoints().register(a.admin,
                new NewEndpoint(b.id, uniqueUrl(), FhirEnvironment.TEST, null, "x"), false));
        Throwable toNowhere = catchThrowable(() -> endpoints().register(a.admin,
                new NewEndpoint(unknown, uniqueUrl(), FhirEnvironment.TEST, null, "x"), false));
        assertThat(toB).isExactlyInstanceOf(InvalidEndpointException.class);
        assertThat(((InvalidEndpointException) toB).field()).isEqualTo("organizationId");
        assertThat(toNowhere).isExactlyInstanceOf(InvalidEndpointException.class);
        assertThat(toB.getMessage()).isEqualTo(toNowhere.getMessage().replace(unknown.toString(), b.id.toString()));

        // B's endpoint is untouched
        EndpointView after = endpoints().find(b.admin, id);
        assertThat(after.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(after.version()).isEqualTo(theirs.version());
        assertThat(after.baseUrl()).isEqualTo(theirs.baseUrl());
        assertThat(after.history()).hasSize(2);
        assertThat(endpoints().list(b.admin, b.id, 0, 50).items()).extracting(EndpointSummary::id).containsExactly(id);
        assertThat(endpoints().list(a.admin, a.id, 0, 50).items()).isEmpty();
    }

    @Test
    default void anOperatorReadsEveryOrganizationAndMayOnlyWithdraw() {
        Tenant b = tenant();
        Actor operator = Actor.operator("ops-" + UUID.randomUUID());
        EndpointView theirs = endpoints().register(b.admin, b.newEndpoint(uniqueUrl(), FhirEnvironment.PRODUCTION),
                true);

        assertThat(endpoints().find(operator, theirs.id()).id()).isEqualTo(theirs.id());
        assertThat(endpoints().list(operator, b.id, 0, 10).total()).isEqualTo(1);
        assertThatThrownBy(() -> endpoints().submitForApproval(operator, theirs.id()))
                .isExactlyInstanceOf(EndpointActionForbiddenException.class);
        assertThatThrownBy(() -> endpoints().register(operator, b.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), false))
                .isExactlyInstanceOf(EndpointActionForbiddenException.class);

        EndpointView withdrawn = endpoints().withdraw(operator, theirs.id(), "EHR misbehaves; hospital called");
        assertThat(withdrawn.status()).isEqualTo(EndpointStatus.WITHDRAWN);
        assertThat(withdrawn.history()).last().satisfies(row -> assertThat(row.actor()).isEqualTo(operator.username()));
    }

    // --- who may approve ---------------------------------------------------------------------------------

    @Test
    default void onlyTheNamedApproverMayVerifyApproveOrRejectAndARefusalChangesNothing() {
        Tenant org = tenant();
        EndpointView submitted = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST),
                true);
        UUID id = submitted.id();
        Actor otherAnalyst = Actor.member("other.analyst-" + UUID.randomUUID(), org.id, Role.EHR_ANALYST);
        Actor approverWithoutRole = Actor.member(org.analyst.username(), org.id, Role.ORG_ADMIN);

        for (Actor wrong : List.of(otherAnalyst, approverWithoutRole, org.admin)) {
            assertThatThrownBy(() -> endpoints().recordEhrVerification(wrong, id, "Practitioner/X"))
                    .isInstanceOfSatisfying(EndpointActionForbiddenException.class,
                            e -> assertThat(e.action()).isEqualTo(EndpointAction.RECORD_EHR_VERIFICATION));
            assertThatThrownBy(() -> endpoints().reject(wrong, id, "No"))
                    .isExactlyInstanceOf(EndpointActionForbiddenException.class);
        }
        assertThat(endpoints().find(org.admin, id)).satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
            assertThat(stored.version()).isEqualTo(submitted.version());
            assertThat(stored.history()).hasSize(2);
        });

        endpoints().recordEhrVerification(org.analyst, id, "Practitioner/E1");
        long verifiedVersion = endpoints().find(org.admin, id).version();
        for (Actor wrong : List.of(otherAnalyst, approverWithoutRole, org.admin)) {
            assertThatThrownBy(() -> endpoints().approve(wrong, id))
                    .isInstanceOfSatisfying(EndpointActionForbiddenException.class,
                            e -> assertThat(e.action()).isEqualTo(EndpointAction.APPROVE));
        }
        // the approver's username is compared ignoring case, as directories do
        Actor approverInOtherCase = Actor.member(org.analyst.username().toUpperCase(), org.id, Role.EHR_ANALYST);
        assertThat(endpoints().find(org.admin, id)).satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
            assertThat(stored.version()).isEqualTo(verifiedVersion);
            assertThat(stored.history()).hasSize(3);
        });
        assertThat(endpoints().approve(approverInOtherCase, id).status()).isEqualTo(EndpointStatus.APPROVED);
    }

    // --- duplicates and refused values -------------------------------------------------------------------

    @Test
    default void theSameUrlTwiceInOneOrganizationAndEnvironmentIsAConflict() {
        Tenant org = tenant();
        Tenant other = tenant();
        String url = uniqueUrl();
        EndpointView first = endpoints().register(org.admin, org.newEndpoint(url, FhirEnvironment.PRODUCTION), false);

        // the same URL written differently is the same URL
        String sameUrl = url.replaceFirst("https://", "HTTPS://").replace(".example.org", ".EXAMPLE.org:443") + "/";
        assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint(sameUrl, FhirEnvironment.PRODUCTION),
                false))
                .isExactlyInstanceOf(DuplicateEndpointException.class)
                .hasMessageContaining("already has a production endpoint with the FHIR base URL " + url);
        assertThat(endpoints().list(org.admin, org.id, 0, 10).total()).isEqualTo(1);

        // another environment may have it; another organization only as a confirmed shared EHR
        EndpointView test = endpoints().register(org.admin, org.newEndpoint(url, FhirEnvironment.TEST), false);
        assertThatThrownBy(() -> endpoints().register(other.admin, other.newEndpoint(url, FhirEnvironment.PRODUCTION),
                false))
                .isExactlyInstanceOf(SharedEhrNotConfirmedException.class)
                .hasMessageContaining("already registered by another organization")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(org.id.toString()));
        assertThat(endpoints().list(other.admin, other.id, 0, 10).total()).isZero();
        assertThat(endpoints().register(other.admin, other.newEndpoint(url, FhirEnvironment.PRODUCTION), false, true)
                .sharedEhr()).isTrue();

        // and an edit may not make one endpoint the twin of another
        assertThatThrownBy(() -> endpoints().edit(org.admin, test.id(),
                new EndpointChanges(url, FhirEnvironment.PRODUCTION, null, org.analyst.username()), test.version()))
                .isExactlyInstanceOf(DuplicateEndpointException.class);
        assertThat(endpoints().find(org.admin, test.id()).environment()).isEqualTo(FhirEnvironment.TEST);

        // a withdrawn one still counts: the message says to submit it again
        endpoints().withdraw(org.admin, first.id(), "Moving");
        assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint(url, FhirEnvironment.PRODUCTION),
                false))
                .isExactlyInstanceOf(DuplicateEndpointException.class)
                .hasMessageContaining("Submit that endpoint for approval again");
        assertThat(endpoints().list(org.admin, org.id, 0, 10).total()).isEqualTo(2);
    }

    @Test
    default void unsafeOrMalformedUrlsAreRefusedAndNothingIsStored() {
        Tenant org = tenant();
        List<String> refused = List.of(
                "http://169.254.169.254/",                       // cloud metadata, never
                "https://169.254.169.254/latest/meta-data",
                "https://user:pw@ehr.example.org/FHIR/R4",         // credentials in the URL
                "http://ehr.example.org/FHIR/R4",                  // not https
                "https://localhost/FHIR/R4",                       // this server: development mode only
                "https://127.0.0.1:8080/FHIR/R4",
                "https://10.1.2.3/FHIR/R4",                        // private: refused by default
                "https://ehr.hospital.internal/FHIR/R4",           // intranet name: refused by default
                "https://ehr.example.org/FHIR/R4?x=1",
                "file:///etc/passwd",
                "not a url",
                "");

        for (String url : refused) {
            assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint(url, FhirEnvironment.TEST), false))
                    .as(url)
                    .isInstanceOfSatisfying(InvalidFhirBaseUrlException.class,
                            e -> assertThat(e.field()).isEqualTo("baseUrl"));
        }
        assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint(null, FhirEnvironment.TEST), false))
                .isInstanceOfSatisfying(InvalidFhirBaseUrlException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidFhirBaseUrlException.Problem.REQUIRED));
        assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint("http://169.254.169.254/",
                FhirEnvironment.TEST), false))
                .isInstanceOfSatisfying(InvalidFhirBaseUrlException.class,
                        e -> assertThat(e.problem()).isIn(InvalidFhirBaseUrlException.Problem.REFUSED_ADDRESS,
                                InvalidFhirBaseUrlException.Problem.HTTPS_REQUIRED));
        assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint("https://user:pw@ehr.example.org/R4",
                FhirEnvironment.TEST), false))
                .isInstanceOfSatisfying(InvalidFhirBaseUrlException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidFhirBaseUrlException.Problem.CREDENTIALS));
        assertThatThrownBy(() -> endpoints().register(org.admin, org.newEndpoint("https://localhost/FHIR/R4",
                FhirEnvironment.TEST), false))
                .hasMessageContaining("development mode");
        assertThat(endpoints().list(org.admin, org.id, 0, 10).total()).isZero();

        // an edit to such an address is refused the same way, and the stored one stays
        EndpointView draft = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), false);
        assertThatThrownBy(() -> endpoints().edit(org.admin, draft.id(), new EndpointChanges("https://169.254.169.254/",
                FhirEnvironment.TEST, null, org.analyst.username()), draft.version()))
                .isInstanceOf(InvalidFhirBaseUrlException.class);
        assertThat(endpoints().find(org.admin, draft.id()).baseUrl()).isEqualTo(draft.baseUrl());
    }

    @Test
    default void otherValuesAreRefusedByName() {
        Tenant org = tenant();
        assertThat(fieldOf(() -> endpoints().register(org.admin,
                new NewEndpoint(UUID.randomUUID(), uniqueUrl(), FhirEnvironment.TEST, null, "a"), false)))
                .isEqualTo("organizationId");
        assertThat(fieldOf(() -> endpoints().register(org.admin,
                new NewEndpoint(null, uniqueUrl(), FhirEnvironment.TEST, null, "a"), false)))
                .isEqualTo("organizationId");
        assertThat(fieldOf(() -> endpoints().register(org.admin,
                new NewEndpoint(org.id, uniqueUrl(), FhirEnvironment.TEST, null, null), false)))
                .isEqualTo("approver");
        assertThat(fieldOf(() -> endpoints().register(org.admin,
                new NewEndpoint(org.id, uniqueUrl(), FhirEnvironment.TEST, null, "  "), false)))
                .isEqualTo("approver");
        assertThat(fieldOf(() -> endpoints().register(org.admin,
                new NewEndpoint(org.id, uniqueUrl(), null, null, "a"), false)))
                .isEqualTo("environment");
        assertThat(endpoints().list(org.admin, org.id, 0, 10).total()).isZero();

        assertThatThrownBy(() -> endpoints().find(null, UUID.randomUUID()))
                .isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> endpoints().register(org.admin, null, false))
                .isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> endpoints().list(org.admin, org.id, 0, 0))
                .isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> endpoints().list(org.admin, org.id, -1, 10))
                .isInstanceOf(ConstraintViolationException.class);
    }

    // --- the approver's EHR sign-in: staff only, bound to the endpoint as it was when it started ---------------

    private static EhrSignIn startedFor(EndpointView endpoint, String ehrUser) {
        return new EhrSignIn(ehrUser, endpoint.baseUrl(), endpoint.version(),
                endpoint.history().get(endpoint.history().size() - 1).sequence());
    }

    @Test
    default void anEhrSignInIsRecordedOnlyForStaffAndOnlyForTheEndpointItStartedFor() {
        Tenant org = tenant();
        EndpointView awaiting = endpoints().register(org.admin, org.newEndpoint(uniqueUrl(), FhirEnvironment.TEST), true);
        UUID id = awaiting.id();

        for (String notStaff : List.of("Patient/p-1", "RelatedPerson/r-1", "opaque-sub-1234",
                "https://elsewhere.example.org/fhir/Practitioner/1")) {
            assertThatThrownBy(() -> endpoints().recordEhrVerification(org.analyst, id, startedFor(awaiting, notStaff)))
                    .as(notStaff).isInstanceOf(EhrUserNotStaffException.class);
        }
        assertThat(endpoints().find(org.admin, id).version()).as("nothing written").isEqualTo(awaiting.version());

        // the admin changes the department while the analyst is at the EHR: the sign-in is discarded
        EhrSignIn inFlight = startedFor(awaiting, "Practitioner/E1");
        EndpointView edited = endpoints().edit(org.admin, id, new EndpointChanges(awaiting.baseUrl(),
                awaiting.environment(), "Dermatology", awaiting.approver()), awaiting.version());
        assertThat(edited.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThatThrownBy(() -> endpoints().recordEhrVerification(org.analyst, id, inFlight))
                .isInstanceOfSatisfying(EndpointChangedDuringSignInException.class,
                        e -> assertThat(e.change()).isEqualTo(EndpointChangedDuringSignInException.Change.OTHER));
        EndpointView after = endpoints().find(org.admin, id);
        assertThat(after.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        assertThat(after.version()).isEqualTo(edited.version());
        assertThat(after.history()).extracting(StatusChangeView::action).doesNotContain(EndpointAction.RECORD_EHR_VERIFICATION);

        // a sign-in started now, by a practitioner with an absolute fhirUser of this EHR, is recorded
        String absolute = awaiting.baseUrl() + "/Practitioner/E1";
        EndpointView verified = endpoints().recordEhrVerification(org.analyst, id, startedFor(after, absolute));
        assertThat(verified.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
        assertThat(verified.ehrUserId()).isEqualTo(absolute);
    }

    @Test
    default void anAdministratorLearnsOnlyWhetherAnotherOrganizationRegisteredAUrl() {
        Tenant host = tenant();
        Tenant affiliate = tenant();
        String url = uniqueUrl();
        endpoints().register(host.admin, host.newEndpoint(url, FhirEnvironment.PRODUCTION), false);

        assertThat(endpoints().registeredByAnotherOrganization(affiliate.admin, affiliate.id, url)).isTrue();
        assertThat(endpoints().registeredByAnotherOrganization(affiliate.admin, affiliate.id, url.toUpperCase()
                .replace("/INTERCONNECT/API/FHIR/R4", "/interconnect/api/FHIR/R4") + "/")).isTrue();
        assertThat(endpoints().registeredByAnotherOrganization(host.admin, host.id, url)).as("its own").isFalse();
        assertThat(endpoints().registeredByAnotherOrganization(affiliate.admin, affiliate.id, uniqueUrl())).isFalse();
        assertThat(endpoints().registeredByAnotherOrganization(affiliate.admin, affiliate.id, "not a url")).isFalse();
        // only an administrator of the organization may ask
        assertThatThrownBy(() -> endpoints().registeredByAnotherOrganization(affiliate.analyst, affiliate.id, url))
                .isInstanceOf(EndpointActionForbiddenException.class);
        assertThatThrownBy(() -> endpoints().registeredByAnotherOrganization(host.admin, affiliate.id, url))
                .isInstanceOf(EndpointActionForbiddenException.class);

        EndpointView shared = endpoints().register(affiliate.admin, affiliate.newEndpoint(url, FhirEnvironment.TEST),
                false, true);
        assertThat(shared.sharedEhr()).isTrue();
        assertThat(shared.sharedWith()).as("the administrator never learns who").isNull();
        assertThat(endpoints().list(affiliate.admin, affiliate.id, 0, 10).items().get(0).sharedWith()).isNull();
        Actor operator = Actor.operator("ops-" + UUID.randomUUID());
        assertThat(endpoints().find(operator, shared.id()).sharedWith()).extracting(SharingOrganization::id)
                .containsExactly(host.id);
        assertThat(endpoints().list(operator, host.id, 0, 10).items().get(0).sharedWith())
                .extracting(SharingOrganization::id).containsExactly(affiliate.id);
    }

    // --- the launch lookup -------------------------------------------------------------------------------

    @Test
    default void theLaunchFindsOnlyApprovedEndpointsByTheirIssuer() {
        Tenant a = tenant();
        Tenant b = tenant();
        Tenant c = tenant();
        String url = uniqueUrl();
        EndpointView approvedA = approvedEndpoint(a, url, FhirEnvironment.PRODUCTION);
        EndpointView approvedB = approvedEndpoint(b, url, FhirEnvironment.TEST);
        // the same URL elsewhere, in every status but APPROVED
        endpoints().register(c.admin, c.newEndpoint(url, FhirEnvironment.PRODUCTION), false, true);
        UUID verified = endpoints().register(c.admin, c.newEndpoint(url, FhirEnvironment.TEST), true, true).id();
        endpoints().recordEhrVerification(c.analyst, verified, "Practitioner/C");
        UUID withdrawn = approvedEndpoint(a, url + "/other", FhirEnvironment.TEST).id();
        endpoints().withdraw(a.admin, withdrawn, "Closed");

        assertThat(endpoints().findApprovedByIssuer(url))
                .extracting(EndpointSummary::id, EndpointSummary::organizationId, EndpointSummary::status)
                .containsExactlyInAnyOrder(
                        tuple(approvedA.id(), a.id, EndpointStatus.APPROVED),
                        tuple(approvedB.id(), b.id, EndpointStatus.APPROVED));
        // the issuer as an EHR may send it
        String sameUrl = url.replaceFirst("https://", "HTTPS://").replace(".example.org", ".Example.ORG:443") + "/";
        assertThat(endpoints().findApprovedByIssuer(sameUrl)).hasSize(2);

        assertThat(endpoints().findApprovedByIssuer(url + "/other")).isEmpty();
        assertThat(endpoints().findApprovedByIssuer(url + "/Patient")).isEmpty();
        assertThat(endpoints().findApprovedByIssuer(url.replace("https://", "http://"))).isEmpty();
        assertThat(endpoints().findApprovedByIssuer("http://169.254.169.254/")).isEmpty();
        assertThat(endpoints().findApprovedByIssuer("not a url")).isEmpty();
        assertThat(endpoints().findApprovedByIssuer("")).isEmpty();
        assertThat(endpoints().findApprovedByIssuer(null)).isEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** An organization with its admin and its EHR analyst (the approver of its endpoints). */
    record Tenant(UUID id, Actor admin, Actor analyst) {

        NewEndpoint newEndpoint(String url, FhirEnvironment environment) {
            return new NewEndpoint(id, url, environment, "Cardiology", analyst.username());
        }
    }

    private Tenant tenant() {
        String suffix = UUID.randomUUID().toString();
        UUID id = organizations().register(new NewOrganization("Endpoint Clinic " + suffix, DataRegion.AMERICAS,
                EhrVendor.EPIC)).id();
        return new Tenant(id, Actor.member("it.admin-" + suffix, id, Role.ORG_ADMIN),
                Actor.member("ehr.analyst-" + suffix, id, Role.EHR_ANALYST));
    }

    /** Approved; a URL another organization uses too is confirmed as a shared EHR. */
    private EndpointView approvedEndpoint(Tenant org, String url, FhirEnvironment environment) {
        UUID id = endpoints().register(org.admin, org.newEndpoint(url, environment), true, true).id();
        endpoints().recordEhrVerification(org.analyst, id, "Practitioner/" + org.analyst.username());
        EndpointView approved = endpoints().approve(org.analyst, id);
        assertThat(approved.status()).isEqualTo(EndpointStatus.APPROVED);
        return approved;
    }

    private static String uniqueUrl() {
        return "https://ehr-" + UUID.randomUUID() + ".example.org/interconnect/api/FHIR/R4";
    }

    private static String fieldOf(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(InvalidEndpointException.class);
        return ((InvalidEndpointException) thrown).field();
    }
}
