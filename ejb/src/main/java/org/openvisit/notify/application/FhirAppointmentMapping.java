package org.openvisit.notify.application;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.openvisit.notify.domain.model.AppointmentEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How a FHIR R4 {@code Appointment} becomes what the feed's intake takes from an SIU message ({@link SiuMessage}):
 * <ul>
 * <li>status {@code booked}, {@code arrived}, {@code checked-in}: a booking or a change (S14: books an appointment
 *     not seen before, moves a known one when its start changed); {@code cancelled}: S15; {@code noshow}: S26;
 *     {@code entered-in-error}: S17 (deleted); {@code proposed}, {@code pending}, {@code waitlist} (not booked yet)
 *     and {@code fulfilled} (over) are skipped with their reason;</li>
 * <li>the appointment's id is {@code Appointment.id} (as launches name it: {@code Appointment/<id>}); the control id
 *     that makes a version applied once is {@code fhir:<id>/_history/<versionId>} (else the {@code lastUpdated}
 *     time), digested when longer than 200 characters; the intake keeps both only as keyed hashes
 *     ({@code AppointmentKeys}, {@code ControlHash});</li>
 * <li>the patient participant's reference in any of the forms EHRs write: {@code Patient/123},
 *     {@code Patient/123/_history/2}, the absolute URL on the endpoint's own base, or {@code type: Patient} with a
 *     bare id; a patient on another server, a contained one or one named only by identifier is not read;</li>
 * <li>the department is the display of the {@code Location} participant, the clinician's name the display of the
 *     first {@code Practitioner} participant (only a message text that names the clinician uses it).</li>
 * </ul>
 * The patient's number comes from {@link #mobile(Patient)}. Nothing else of the resources is read or kept.
 */
public final class FhirAppointmentMapping {

    /** Why an appointment is skipped before the intake (counted per run, shown on the SMS page). */
    public enum Skip {
        NOT_BOOKED, FINISHED, UNKNOWN_STATUS, NO_START, NO_ID
    }

    /** What the intake needs of one appointment version: the event, and the patient to read when there is one. */
    public record Mapped(String appointmentId, String controlId, AppointmentEvent event, Instant start,
                         String department, Optional<String> patientId, Instant lastUpdated, String clinician) {

        /** Whether the patient's mobile number is needed (a booking or a change; a cancellation needs none). */
        public boolean needsNumber() {
            return event == AppointmentEvent.MODIFIED;
        }

        /** As the intake takes an SIU message (the start in UTC, no sending facility). */
        public SiuMessage message(String phone) {
            LocalDateTime local = start == null ? null : LocalDateTime.ofInstant(start, ZoneOffset.UTC);
            return new SiuMessage(controlId, event, null, appointmentId, local, local == null ? null : ZoneOffset.UTC,
                    department, phone, clinician);
        }
    }

    /** Either a mapped appointment or the reason it is skipped. */
    public record Result(Optional<Mapped> mapped, Optional<Skip> skip) {
        static Result of(Mapped m) {
            return new Result(Optional.of(m), Optional.empty());
        }

        static Result skipped(Skip s) {
            return new Result(Optional.empty(), Optional.of(s));
        }
    }

    static final int MAX_CONTROL_ID = 200;

    private FhirAppointmentMapping() {
    }

    /** Maps one appointment read from the endpoint whose FHIR base is {@code fhirBase}. */
    public static Result map(Appointment appointment, String fhirBase) {
        String id = appointment.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            return Result.skipped(Skip.NO_ID);
        }
        if (!appointment.hasStatus()) {
            return Result.skipped(Skip.UNKNOWN_STATUS);
        }
        AppointmentEvent event;
        switch (appointment.getStatus()) {
            case BOOKED, ARRIVED, CHECKEDIN -> event = AppointmentEvent.MODIFIED;
            case CANCELLED -> event = AppointmentEvent.CANCELLED;
            case NOSHOW -> event = AppointmentEvent.NO_SHOW;
            case ENTEREDINERROR -> event = AppointmentEvent.DELETED;
            case PROPOSED, PENDING, WAITLIST -> {
                return Result.skipped(Skip.NOT_BOOKED);
            }
            case FULFILLED -> {
                return Result.skipped(Skip.FINISHED);
            }
            default -> {
                return Result.skipped(Skip.UNKNOWN_STATUS);
            }
        }
        Instant start = appointment.getStart() == null ? null : appointment.getStart().toInstant();
        if (start == null && event == AppointmentEvent.MODIFIED) {
            return Result.skipped(Skip.NO_START);
        }
        Instant lastUpdated = appointment.hasMeta() && appointment.getMeta().getLastUpdated() != null
                ? appointment.getMeta().getLastUpdated().toInstant() : null;
        String version = appointment.hasMeta() && appointment.getMeta().hasVersionId()
                ? appointment.getMeta().getVersionId()
                : appointment.getIdElement().hasVersionIdPart() ? appointment.getIdElement().getVersionIdPart() : null;
        String department = appointment.getParticipant().stream()
                .map(Appointment.AppointmentParticipantComponent::getActor)
                .filter(r -> r != null && (r.getReference() != null && r.getReference().contains("Location/")
                        || "Location".equals(r.getType())))
                .map(Reference::getDisplay).filter(d -> d != null && !d.isBlank()).findFirst()
                .map(d -> d.length() > 200 ? d.substring(0, 200) : d).orElse(null);
        String clinician = appointment.getParticipant().stream()
                .map(Appointment.AppointmentParticipantComponent::getActor)
                .filter(r -> r != null && (r.getReference() != null && r.getReference().contains("Practitioner/")
                        || "Practitioner".equals(r.getType())))
                .map(Reference::getDisplay).filter(d -> d != null && !d.isBlank()).findFirst().orElse(null);
        return Result.of(new Mapped(id, controlId(id, version, lastUpdated, appointment), event, start, department,
                patientId(appointment, fhirBase), lastUpdated, clinician));
    }

    /** The id of the appointment's patient participant on the endpoint's own server, in any usual form. */
    static Optional<String> patientId(Appointment appointment, String fhirBase) {
        for (Appointment.AppointmentParticipantComponent p : appointment.getParticipant()) {
            Reference actor = p.getActor();
            if (actor == null || !actor.hasReference()) {
                continue;
            }
            String reference = actor.getReference().strip();
            if (reference.startsWith("#")) {
                continue; // contained: not a record the EHR can be asked for
            }
            if (!reference.contains("/")) {
                if ("Patient".equals(actor.getType()) && !reference.isBlank()) {
                    return Optional.of(reference);
                }
                continue;
            }
            IdType id = new IdType(reference);
            if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
                continue;
            }
            if (id.isAbsolute() && !sameBase(id.getBaseUrl(), fhirBase)) {
                continue; // another server's patient: OpenVisit has no access there
            }
            return Optional.of(id.getIdPart());
        }
        return Optional.empty();
    }

    private static boolean sameBase(String a, String b) {
        return a != null && b != null && strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The patient's mobile number as written: a contact point of system {@code sms}, else of system {@code phone}
     * with use {@code mobile}; not one whose use is {@code old} or whose period has ended; the lowest {@code rank}
     * first. Empty when there is none.
     */
    public static Optional<String> mobile(Patient patient) {
        Date now = new Date();
        return patient.getTelecom().stream()
                .filter(ContactPoint::hasValue)
                .filter(c -> c.getUse() != ContactPoint.ContactPointUse.OLD)
                .filter(c -> !c.hasPeriod() || c.getPeriod().getEnd() == null || c.getPeriod().getEnd().after(now))
                .filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.SMS
                        || c.getSystem() == ContactPoint.ContactPointSystem.PHONE
                        && c.getUse() == ContactPoint.ContactPointUse.MOBILE)
                .sorted(Comparator.comparing((ContactPoint c) -> c.getSystem() == ContactPoint.ContactPointSystem.SMS
                        ? 0 : 1).thenComparing(c -> c.hasRank() ? c.getRank() : Integer.MAX_VALUE))
                .map(ContactPoint::getValue).map(String::strip).filter(v -> !v.isEmpty())
                .findFirst();
    }

    private static String controlId(String id, String version, Instant lastUpdated, Appointment appointment) {
        String suffix = version != null ? "/_history/" + version
                : lastUpdated != null ? "@" + lastUpdated
                : "@" + appointment.getStatus().toCode() + "@" + (appointment.getStart() == null ? ""
                : appointment.getStart().toInstant());
        String control = "fhir:" + id + suffix;
        if (control.length() <= MAX_CONTROL_ID) {
            return control;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(control.getBytes(StandardCharsets.UTF_8));
            return "fhir-sha256:" + HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
