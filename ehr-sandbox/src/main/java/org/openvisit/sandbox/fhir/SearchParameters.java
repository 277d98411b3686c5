package org.openvisit.sandbox.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.openvisit.sandbox.fhir.SearchParameter.Kind.DATE;
import static org.openvisit.sandbox.fhir.SearchParameter.Kind.REFERENCE;
import static org.openvisit.sandbox.fhir.SearchParameter.Kind.STRING;
import static org.openvisit.sandbox.fhir.SearchParameter.Kind.TOKEN;

/** The search parameters the sandbox understands, per resource type (a small, useful subset of R4's). */
public final class SearchParameters {

    private static final Map<String, List<SearchParameter>> BY_TYPE = Map.of(
            "Patient", List.of(
                    SearchParameter.of("identifier", TOKEN, Patient.class, p -> identifiers(p.getIdentifier())),
                    SearchParameter.of("name", STRING, Patient.class, p -> names(p.getName())),
                    SearchParameter.of("family", STRING, Patient.class, p -> p.getName().stream().map(HumanName::getFamily).toList()),
                    SearchParameter.of("given", STRING, Patient.class, p -> p.getName().stream().flatMap(n -> n.getGiven().stream()).map(Object::toString).toList()),
                    SearchParameter.of("birthdate", TOKEN, Patient.class, p -> List.of(p.getBirthDateElement().getValueAsString())),
                    SearchParameter.of("gender", TOKEN, Patient.class, p -> List.of(p.hasGender() ? p.getGender().toCode() : ""))),
            "Practitioner", List.of(
                    SearchParameter.of("identifier", TOKEN, Practitioner.class, p -> identifiers(p.getIdentifier())),
                    SearchParameter.of("name", STRING, Practitioner.class, p -> names(p.getName())),
                    SearchParameter.of("family", STRING, Practitioner.class, p -> p.getName().stream().map(HumanName::getFamily).toList())),
            "PractitionerRole", List.of(
                    SearchParameter.of("practitioner", REFERENCE, PractitionerRole.class, r -> refs(List.of(r.getPractitioner()))),
                    SearchParameter.of("organization", REFERENCE, PractitionerRole.class, r -> refs(List.of(r.getOrganization()))),
                    SearchParameter.of("location", REFERENCE, PractitionerRole.class, r -> refs(r.getLocation()))),
            "Organization", List.of(
                    SearchParameter.of("identifier", TOKEN, Organization.class, o -> identifiers(o.getIdentifier())),
                    SearchParameter.of("name", STRING, Organization.class, o -> List.of(o.getName()))),
            "Location", List.of(
                    SearchParameter.of("identifier", TOKEN, Location.class, l -> identifiers(l.getIdentifier())),
                    SearchParameter.of("name", STRING, Location.class, l -> List.of(l.getName())),
                    SearchParameter.of("organization", REFERENCE, Location.class, l -> refs(List.of(l.getManagingOrganization())))),
            "Appointment", List.of(
                    SearchParameter.of("identifier", TOKEN, Appointment.class, a -> identifiers(a.getIdentifier())),
                    SearchParameter.of("status", TOKEN, Appointment.class, a -> List.of(a.hasStatus() ? a.getStatus().toCode() : "")),
                    SearchParameter.of("date", DATE, Appointment.class, a -> instants(a.getStartElement())),
                    SearchParameter.of("actor", REFERENCE, Appointment.class, a -> actors(a, "")),
                    SearchParameter.of("patient", REFERENCE, Appointment.class, a -> actors(a, "Patient/")),
                    SearchParameter.of("practitioner", REFERENCE, Appointment.class, a -> actors(a, "Practitioner/")),
                    SearchParameter.of("location", REFERENCE, Appointment.class, a -> actors(a, "Location/"))),
            "Encounter", List.of(
                    SearchParameter.of("identifier", TOKEN, Encounter.class, e -> identifiers(e.getIdentifier())),
                    SearchParameter.of("status", TOKEN, Encounter.class, e -> List.of(e.hasStatus() ? e.getStatus().toCode() : "")),
                    SearchParameter.of("patient", REFERENCE, Encounter.class, e -> refs(List.of(e.getSubject()))),
                    SearchParameter.of("subject", REFERENCE, Encounter.class, e -> refs(List.of(e.getSubject()))),
                    SearchParameter.of("appointment", REFERENCE, Encounter.class, e -> refs(e.getAppointment())),
                    SearchParameter.of("practitioner", REFERENCE, Encounter.class,
                            e -> refs(e.getParticipant().stream().map(Encounter.EncounterParticipantComponent::getIndividual).toList())),
                    SearchParameter.of("date", DATE, Encounter.class, e -> instants(e.getPeriod().getStartElement()))),
            "AuditEvent", List.of(
                    SearchParameter.of("entity", REFERENCE, AuditEvent.class,
                            a -> refs(a.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat).toList())),
                    SearchParameter.of("agent", REFERENCE, AuditEvent.class,
                            a -> refs(a.getAgent().stream().map(AuditEvent.AuditEventAgentComponent::getWho).toList())),
                    SearchParameter.of("type", TOKEN, AuditEvent.class, a -> codings(List.of(a.getType()))),
                    SearchParameter.of("subtype", TOKEN, AuditEvent.class, a -> codings(a.getSubtype())),
                    SearchParameter.of("date", DATE, AuditEvent.class, a -> instants(a.getRecordedElement()))),
            "Communication", List.of(
                    SearchParameter.of("identifier", TOKEN, Communication.class, c -> identifiers(c.getIdentifier())),
                    SearchParameter.of("subject", REFERENCE, Communication.class, c -> refs(List.of(c.getSubject()))),
                    SearchParameter.of("patient", REFERENCE, Communication.class, c -> refs(List.of(c.getSubject()))),
                    SearchParameter.of("encounter", REFERENCE, Communication.class, c -> refs(List.of(c.getEncounter()))),
                    SearchParameter.of("based-on", REFERENCE, Communication.class, c -> refs(c.getBasedOn())),
                    SearchParameter.of("part-of", REFERENCE, Communication.class, c -> refs(c.getPartOf())),
                    SearchParameter.of("status", TOKEN, Communication.class, c -> List.of(c.hasStatus() ? c.getStatus().toCode() : "")),
                    SearchParameter.of("sent", DATE, Communication.class, c -> instants(c.getSentElement())),
                    SearchParameter.of("recipient", REFERENCE, Communication.class, c -> refs(c.getRecipient())),
                    SearchParameter.of("sender", REFERENCE, Communication.class, c -> refs(List.of(c.getSender()))),
                    SearchParameter.of("category", TOKEN, Communication.class,
                            c -> c.getCategory().stream().flatMap(cc -> codings(List.of(cc.getCodingFirstRep())).stream()).toList())));

    private SearchParameters() {
    }

    /** The parameters of a type, by name. */
    public static Map<String, SearchParameter> forType(String type) {
        Map<String, SearchParameter> byName = new LinkedHashMap<>();
        BY_TYPE.getOrDefault(type, List.of()).forEach(parameter -> byName.put(parameter.name(), parameter));
        return byName;
    }

    private static List<String> identifiers(List<Identifier> identifiers) {
        return identifiers.stream().map(i -> (i.hasSystem() ? i.getSystem() : "") + "|" + i.getValue()).toList();
    }

    private static List<String> names(List<HumanName> names) {
        return names.stream().flatMap(n -> Stream.concat(Stream.of(n.getFamily(), n.getText()),
                n.getGiven().stream().map(Object::toString))).filter(s -> s != null).toList();
    }

    private static List<String> refs(Collection<Reference> references) {
        List<String> values = new ArrayList<>();
        for (Reference reference : references) {
            if (reference != null && reference.hasReference()) {
                values.add(reference.getReference());
            }
        }
        return values;
    }

    private static List<String> actors(Appointment appointment, String typePrefix) {
        return refs(appointment.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor).toList())
                .stream().filter(reference -> reference.startsWith(typePrefix)).toList();
    }

    private static List<String> codings(List<? extends Object> codings) {
        List<String> values = new ArrayList<>();
        for (Object item : codings) {
            if (item instanceof Coding coding && coding.hasCode()) {
                values.add((coding.hasSystem() ? coding.getSystem() : "") + "|" + coding.getCode());
            } else if (item instanceof CodeableConcept concept) {
                values.addAll(codings(concept.getCoding()));
            }
        }
        return values;
    }

    private static List<String> instants(BaseDateTimeType value) {
        return value.getValue() == null ? List.of() : List.of(value.getValue().toInstant().toString());
    }
}
