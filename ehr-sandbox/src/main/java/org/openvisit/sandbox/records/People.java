package org.openvisit.sandbox.records;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The sandbox's users (its practitioners and patients) and their schedules, read from the records. */
public class People {

    private final FhirRecords records;

    public People(FhirRecords records) {
        this.records = records;
    }

    public List<Person> practitioners() {
        return records.all("Practitioner").stream()
                .map(r -> new Person("Practitioner/" + r.getIdElement().getIdPart(), nameOf(((Practitioner) r).getName())))
                .toList();
    }

    public List<Person> patients() {
        return records.all("Patient").stream()
                .map(r -> new Person("Patient/" + r.getIdElement().getIdPart(), nameOf(((Patient) r).getName())))
                .toList();
    }

    /** The person behind a reference such as {@code Practitioner/prac-ada-okafor}, if the records have them. */
    public Optional<Person> find(String reference) {
        if (reference == null || !reference.matches("(Practitioner|Patient)/[A-Za-z0-9\\-.]{1,64}")) {
            return Optional.empty();
        }
        String[] parts = reference.split("/");
        return records.read(parts[0], parts[1]).map(r -> new Person(reference, nameOf(r)));
    }

    /** The person's appointments (as practitioner or patient), earliest first. */
    public List<Appointment> scheduleOf(String reference) {
        return records.all("Appointment").stream().map(Appointment.class::cast)
                .filter(a -> a.getParticipant().stream().anyMatch(p -> reference.equals(p.getActor().getReference())))
                .sorted(Comparator.comparing(Appointment::getStart))
                .toList();
    }

    private static String nameOf(Resource resource) {
        if (resource instanceof Practitioner practitioner) {
            return nameOf(practitioner.getName());
        }
        return resource instanceof Patient patient ? nameOf(patient.getName()) : resource.getIdElement().getIdPart();
    }

    private static String nameOf(List<HumanName> names) {
        if (names.isEmpty()) {
            return "(no name)";
        }
        HumanName name = names.get(0);
        return (name.getPrefixAsSingleString() + " " + name.getGivenAsSingleString() + " " + name.getFamily()).trim();
    }
}
