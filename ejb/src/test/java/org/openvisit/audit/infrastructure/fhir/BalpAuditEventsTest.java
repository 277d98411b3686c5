package org.openvisit.audit.infrastructure.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.openvisit.audit.application.AuditEntry;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's events as FHIR R4 AuditEvents after BALP: every kind has the elements R4 requires (type, recorded,
 * at least one agent with requestor, a source with its observer) in the codes chosen for it, and reads back through a
 * strict parser unchanged; nothing but OpenVisit's own ids names anyone or anything.
 */
class BalpAuditEventsTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final Instant AT = Instant.parse("2027-01-10T08:30:00Z");
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ENDPOINT = UUID.randomUUID();
    private static final UUID VISIT = DataRegion.EMEA.newRecordId();
    private static final String OBSERVER = "https://openvisit.example.org";

    private static AuditEvent map(AuditFact fact) {
        return BalpAuditEvents.of(new AuditEntry(DataRegion.EMEA.newRecordId(), AT, fact.withOrganization(ORG), null),
                OBSERVER);
    }

    private static IParser strict() {
        return FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    /** What FHIR R4 requires of every AuditEvent, and what BALP asks on top (source type, agent type). */
    private static void structurallyValid(AuditEvent event) {
        assertThat(event.getType().getSystem()).isNotBlank();
        assertThat(event.getType().getCode()).isNotBlank();
        assertThat(event.getRecorded()).isEqualTo(Date.from(AT));
        assertThat(event.getAction()).isNotNull();
        assertThat(event.getOutcome()).isNotNull();
        assertThat(event.getAgent()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.hasRequestor()).isTrue();
            assertThat(a.getType().getCodingFirstRep().getCode()).isNotBlank();
            assertThat(a.getWho().hasIdentifier() || a.getWho().hasDisplay()).isTrue();
        });
        assertThat(event.getAgent()).filteredOn(AuditEvent.AuditEventAgentComponent::getRequestor).hasSize(1);
        assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo(OBSERVER);
        assertThat(event.getSource().getTypeFirstRep().getCode()).isEqualTo("4");
        assertThat(event.getEntity()).allSatisfy(e -> {
            assertThat(e.getWhat().getIdentifier().getSystem()).startsWith("urn:openvisit:");
            assertThat(e.getType().getCode()).isEqualTo("2");
        });
        String json = strict().encodeResourceToString(event);
        AuditEvent back = strict().parseResource(AuditEvent.class, json);
        assertThat(strict().encodeResourceToString(back)).isEqualTo(json);
    }

    private static List<String> subtypes(AuditEvent event) {
        return event.getSubtype().stream().map(c -> c.getSystem() + "#" + c.getCode()).toList();
    }

    @Test
    void everyKindAndOutcomeMapsToAStructurallyValidAuditEvent() {
        for (AuditKind kind : AuditKind.values()) {
            for (AuditOutcome outcome : AuditOutcome.values()) {
                AuditFact fact = AuditFact.of(kind, AuditActor.portalUser("ada.admin")).withOutcome(outcome)
                        .withVisit(VISIT).withEndpoint(ENDPOINT).withDetail("words");
                AuditEvent event = map(fact);
                structurallyValid(event);
                assertThat(event.getOutcome().toCode()).isEqualTo(outcome.fhirCode());
                assertThat(subtypes(event)).contains(BalpAuditEvents.KIND_SYSTEM + "#" + BalpAuditEvents.code(kind));
                assertThat(event.getOutcomeDesc()).isEqualTo("words");
            }
        }
    }

    @Test
    void aSignInIsAUserAuthenticationLoginWithTheAddressAndTheUsernameOnly() {
        AuditEvent event = map(AuditFact.of(AuditKind.SIGN_IN, AuditActor.portalUser("ada.admin"))
                .withOutcome(AuditOutcome.MINOR_FAILURE).withSourceAddress("192.0.2.10").withDetail("by portal"));
        assertThat(event.getType().getSystem()).isEqualTo(BalpAuditEvents.DICOM);
        assertThat(event.getType().getCode()).isEqualTo("110114");
        assertThat(subtypes(event)).startsWith(BalpAuditEvents.DICOM + "#110122");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        AuditEvent.AuditEventAgentComponent user = event.getAgentFirstRep();
        assertThat(user.getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
        assertThat(user.getWho().getIdentifier().getSystem()).isEqualTo(BalpAuditEvents.PORTAL_USER_SYSTEM);
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("ada.admin");
        assertThat(user.getNetwork().getAddress()).isEqualTo("192.0.2.10");
        assertThat(user.getNetwork().getType()).isEqualTo(AuditEvent.AuditEventAgentNetworkType._2);
        assertThat(event.getEntity()).extracting(e -> e.getWhat().getIdentifier().getSystem())
                .containsExactly(BalpAuditEvents.ORGANIZATION_SYSTEM);
        assertThat(event.getMeta().getProfile()).isEmpty();
    }

    @Test
    void aLaunchNamesTheEhrUserTheVisitAndTheEndpoint() {
        AuditEvent event = map(AuditFact.of(AuditKind.LAUNCH, AuditActor.ehrUser("Practitioner/dr-okafor"))
                .withVisit(VISIT).withEndpoint(ENDPOINT).withDetail("ACCEPTED"));
        assertThat(event.getType().getCode()).isEqualTo("110114");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getSystem())
                .isEqualTo(BalpAuditEvents.EHR_USER_SYSTEM);
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("Practitioner/dr-okafor");
        assertThat(event.getAgentFirstRep().hasNetwork()).isFalse();
        assertThat(event.getEntity()).extracting(e -> e.getWhat().getIdentifier().getValue())
                .containsExactly(VISIT.toString(), ENDPOINT.toString(), ORG.toString());
        assertThat(event.getEntityFirstRep().getRole().getCode()).isEqualTo("4");
    }

    @Test
    void approvalsKeysAndAdmissionsAreSecurityAlerts() {
        AuditEvent approved = map(AuditFact.of(AuditKind.ENDPOINT_APPROVED, AuditActor.portalUser("eli"))
                .withEndpoint(ENDPOINT));
        assertThat(approved.getType().getCode()).isEqualTo("110113");
        assertThat(subtypes(approved)).startsWith(BalpAuditEvents.DICOM + "#110129");
        assertThat(approved.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
        assertThat(approved.getEntityFirstRep().getRole().getCode()).isEqualTo("13");

        AuditEvent key = map(AuditFact.of(AuditKind.KEY_GENERATED, AuditActor.system()).withEndpoint(ENDPOINT));
        assertThat(key.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
        assertThat(key.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("110153");
        assertThat(key.getAgentFirstRep().getWho().getDisplay()).isEqualTo("OpenVisit");

        AuditEvent admitted = map(AuditFact.of(AuditKind.ADMITTED, AuditActor.clinician()).withVisit(VISIT)
                .withDetail("patient"));
        assertThat(subtypes(admitted)).startsWith(BalpAuditEvents.DICOM + "#110137");
        assertThat(admitted.getAgentFirstRep().getWho().hasIdentifier()).isFalse();
    }

    @Test
    void aDeliveredWriteBackIsABalpCreateAtTheEhrAndAGivenUpOneASeriousFailure() {
        AuditFact delivered = AuditFact.of(AuditKind.WRITE_BACK, AuditActor.system()).withVisit(VISIT)
                .withEndpoint(ENDPOINT).withDetail("CONNECTED event #3 delivered");
        AuditEvent ok = map(delivered);
        assertThat(ok.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(BalpAuditEvents.BALP_CREATE);
        assertThat(ok.getType().getSystem() + "#" + ok.getType().getCode()).isEqualTo(BalpAuditEvents.EVENT_TYPE + "#rest");
        assertThat(subtypes(ok)).startsWith(BalpAuditEvents.RESTFUL + "#create");
        assertThat(ok.getAgent()).hasSize(2);
        assertThat(ok.getAgent().get(1).getType().getCodingFirstRep().getCode()).isEqualTo("110152");
        assertThat(ok.getAgent().get(1).getRequestor()).isFalse();

        AuditEvent failed = map(delivered.withOutcome(AuditOutcome.SERIOUS_FAILURE).withDetail("given up: HTTP 404"));
        assertThat(failed.getMeta().getProfile()).isEmpty();
        assertThat(failed.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._8);
        assertThat(failed.getOutcomeDesc()).isEqualTo("given up: HTTP 404");
    }

    @Test
    void anExportIsDicomExportRead() {
        AuditEvent event = map(AuditFact.of(AuditKind.EXPORT, AuditActor.portalUser("ada")).withDetail("CSV"));
        assertThat(event.getType().getCode()).isEqualTo("110106");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(event.getSubtype()).extracting(Coding::getSystem).containsExactly(BalpAuditEvents.KIND_SYSTEM);
    }

    @Test
    void aSearchsetBundleCarriesTheTotalTheNextPageAndEachEventOnce() {
        List<AuditEntry> entries = List.of(
                new AuditEntry(UUID.randomUUID(), AT, AuditFact.of(AuditKind.EXPORT, AuditActor.portalUser("a"))
                        .withOrganization(ORG), null),
                new AuditEntry(UUID.randomUUID(), AT, AuditFact.of(AuditKind.SIGN_IN, AuditActor.portalUser("b"))
                        .withOrganization(ORG), null));
        String json = AuditBundles.searchset(FHIR, entries, 7, OBSERVER, "https://x/api?first=0", "https://x/api?first=2");
        Bundle bundle = strict().parseResource(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(7);
        assertThat(bundle.getLink("next").getUrl()).isEqualTo("https://x/api?first=2");
        assertThat(bundle.getEntry()).hasSize(2).allSatisfy(e -> {
            assertThat(e.getResource()).isInstanceOf(AuditEvent.class);
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        });
        assertThat(bundle.getEntry()).extracting(e -> e.getFullUrl())
                .containsExactly("urn:uuid:" + entries.get(0).id(), "urn:uuid:" + entries.get(1).id());
        String last = AuditBundles.searchset(FHIR, entries, 2, OBSERVER, "https://x/api", null);
        assertThat(strict().parseResource(Bundle.class, last).getLink("next")).isNull();
    }
}
