package org.openvisit.audit.infrastructure.fhir;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventSourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.openvisit.audit.application.AuditEntry;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;

import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * An audit event as a FHIR R4 AuditEvent, after IHE Basic Audit Log Patterns (BALP) and DICOM PS3.15's audit codes:
 * <ul>
 * <li>type and subtype: a sign-in or launch is DICOM 110114 User Authentication / 110122 Login (action E); an approval
 *     step, a key generated or the audit settings changed is 110113 Security Alert / 110129 Security Configuration;
 *     an admission or removal 110113 / 110137 User Security Attributes Changed; a write-back is a RESTful
 *     {@code create} at the EHR (and, when delivered, claims BALP's {@code IHE.BasicAudit.Create} profile); an export
 *     is 110106 Export (action R). Every event has a second subtype in {@value #KIND_SYSTEM} naming OpenVisit's kind;</li>
 * <li>outcome 0, 4 or 8, with the plain-words detail in {@code outcomeDesc};</li>
 * <li>agents: the person who acted (a human user, by a portal username in {@value #PORTAL_USER_SYSTEM} or an EHR user
 *     id in {@value #EHR_USER_SYSTEM}; the sign-in's address as its network address), or OpenVisit itself; on a
 *     write-back also the EHR endpoint as the destination;</li>
 * <li>source: OpenVisit, an application server, named by the installation's public address;</li>
 * <li>entities: the visit (OpenVisit's own id, never the appointment), the FHIR endpoint and the organization, by
 *     their OpenVisit ids.</li>
 * </ul>
 * Nothing about a patient: no name, no appointment or patient id, no token, no phone number.
 */
public final class BalpAuditEvents {

    public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public static final String RESTFUL = "http://hl7.org/fhir/restful-interaction";
    public static final String ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    public static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    public static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    public static final String BALP_CREATE = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Create";
    public static final String KIND_SYSTEM = "urn:openvisit:audit-kind";
    public static final String PORTAL_USER_SYSTEM = "urn:openvisit:portal-user";
    public static final String EHR_USER_SYSTEM = "urn:openvisit:ehr-user";
    public static final String VISIT_SYSTEM = "urn:openvisit:visit";
    public static final String ENDPOINT_SYSTEM = "urn:openvisit:fhir-endpoint";
    public static final String ORGANIZATION_SYSTEM = "urn:openvisit:organization";

    private BalpAuditEvents() {
    }

    /**
     * @param observer the installation's public address (or {@code urn:openvisit:installation}), naming the source
     */
    public static AuditEvent of(AuditEntry entry, String observer) {
        AuditFact fact = entry.fact();
        AuditEvent event = new AuditEvent();
        event.setId(entry.id().toString());
        Shape shape = Shape.of(fact.kind());
        event.setType(shape.type);
        if (shape.subtype != null) {
            event.addSubtype(shape.subtype);
        }
        event.addSubtype(new Coding(KIND_SYSTEM, code(fact.kind()), null));
        event.setAction(shape.action);
        event.setRecorded(Date.from(entry.recordedAt()));
        event.setOutcome(outcome(fact.outcome()));
        if (fact.detail() != null) {
            event.setOutcomeDesc(fact.detail());
        }
        if (fact.kind() == AuditKind.WRITE_BACK && fact.outcome() == AuditOutcome.SUCCESS) {
            event.getMeta().addProfile(BALP_CREATE);
        }
        event.addAgent(actor(fact));
        if (fact.kind() == AuditKind.WRITE_BACK && fact.endpointId() != null) {
            event.addAgent(new AuditEventAgentComponent()
                    .setType(concept(DICOM, "110152", "Destination Role ID"))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(ENDPOINT_SYSTEM)
                            .setValue(fact.endpointId().toString())).setDisplay("the EHR's FHIR endpoint"))
                    .setRequestor(false));
        }
        event.setSource(new AuditEventSourceComponent()
                .setObserver(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                        .setValue(observer)).setDisplay("OpenVisit"))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server")));
        if (fact.visitId() != null) {
            event.addEntity(entity(VISIT_SYSTEM, fact.visitId(), "4", "Domain Resource", "visit"));
        }
        if (fact.endpointId() != null) {
            boolean destination = fact.kind() == AuditKind.WRITE_BACK;
            event.addEntity(entity(ENDPOINT_SYSTEM, fact.endpointId(), destination ? "16" : "13",
                    destination ? "Data Destination" : "Security Resource", "FHIR endpoint"));
        }
        if (fact.organizationId() != null) {
            event.addEntity(entity(ORGANIZATION_SYSTEM, fact.organizationId(), "12", "Security User Group",
                    "organization"));
        }
        return event;
    }

    /** The kind's code in {@value #KIND_SYSTEM}: {@code sign-in}, {@code endpoint-approved}, … */
    public static String code(AuditKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static AuditEventAgentComponent actor(AuditFact fact) {
        AuditActor actor = fact.actor();
        AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true);
        switch (actor.type()) {
            case PORTAL_USER -> agent.setType(concept(ROLE_TYPE, "humanuser", "human user"))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(PORTAL_USER_SYSTEM)
                            .setValue(actor.id())));
            case EHR_USER -> agent.setType(concept(ROLE_TYPE, "humanuser", "human user"))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(EHR_USER_SYSTEM)
                            .setValue(actor.id())));
            case CLINICIAN -> agent.setType(concept(ROLE_TYPE, "humanuser", "human user"))
                    .setWho(new Reference().setDisplay("a clinician of the visit"));
            case UNIDENTIFIED -> agent.setType(concept(ROLE_TYPE, "humanuser", "human user"))
                    .setWho(new Reference().setDisplay("not identified (a patient or guest, or a user not known yet)"));
            case SYSTEM -> agent.setType(concept(DICOM, "110153", "Source Role ID"))
                    .setWho(new Reference().setDisplay("OpenVisit"));
        }
        if (fact.sourceAddress() != null) {
            agent.getNetwork().setAddress(fact.sourceAddress()).setType(AuditEventAgentNetworkType._2);
        }
        return agent;
    }

    private static AuditEventEntityComponent entity(String system, UUID id, String role, String roleDisplay,
                                                    String description) {
        return new AuditEventEntityComponent()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(system).setValue(id.toString())))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, role, roleDisplay))
                .setDescription(description);
    }

    private static AuditEventOutcome outcome(AuditOutcome outcome) {
        return switch (outcome) {
            case SUCCESS -> AuditEventOutcome._0;
            case MINOR_FAILURE -> AuditEventOutcome._4;
            case SERIOUS_FAILURE -> AuditEventOutcome._8;
        };
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    /** The type, standard subtype and action of a kind. */
    private record Shape(Coding type, Coding subtype, AuditEventAction action) {

        static Shape of(AuditKind kind) {
            Coding authentication = new Coding(DICOM, "110114", "User Authentication");
            Coding alert = new Coding(DICOM, "110113", "Security Alert");
            Coding configuration = new Coding(DICOM, "110129", "Security Configuration");
            return switch (kind) {
                case SIGN_IN, LAUNCH -> new Shape(authentication, new Coding(DICOM, "110122", "Login"),
                        AuditEventAction.E);
                case ENDPOINT_SUBMITTED, ENDPOINT_VERIFIED, ENDPOINT_APPROVED, ENDPOINT_REJECTED, ENDPOINT_WITHDRAWN,
                     AUDIT_SETTINGS_CHANGED, ORGANIZATION_CHANGED -> new Shape(alert, configuration, AuditEventAction.U);
                case KEY_GENERATED -> new Shape(alert, configuration, AuditEventAction.C);
                case SIGN_IN_UNLOCKED, SECOND_FACTOR_RESET -> new Shape(alert, new Coding(DICOM, "110137",
                        "User Security Attributes Changed"), AuditEventAction.U);
                case WRITE_BACK_RETRIED, WRITE_BACK_DISCARDED -> new Shape(alert, configuration, AuditEventAction.U);
                case ADMITTED, REMOVED, ACCOUNT_CHANGED -> new Shape(alert, new Coding(DICOM, "110137",
                        "User Security Attributes Changed"), AuditEventAction.U);
                case WRITE_BACK -> new Shape(new Coding(EVENT_TYPE, "rest", "Restful Operation"),
                        new Coding(RESTFUL, "create", "create"), AuditEventAction.C);
                case EXPORT -> new Shape(new Coding(DICOM, "110106", "Export"), null, AuditEventAction.R);
            };
        }
    }
}
