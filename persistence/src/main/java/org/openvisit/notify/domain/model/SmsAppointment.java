package org.openvisit.notify.domain.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.visit.domain.model.AppointmentHash;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An appointment the EHR's feed announced (regional store), keyed by the endpoint and the keyed hashes of the EHR's
 * appointment id ({@link AppointmentKeys}: never the id itself). It holds what SMS needs and no more: the start, the
 * department, the patient's mobile number sealed under the installation key (forgotten once the appointment is over
 * or cancelled), and the code of its short join link. Which message may move it where is decided here
 * ({@link #apply}); every message applied is in its history, by the keyed hash of its control id.
 */
@Entity
@Table(name = "sms_appointment")
@NamedQuery(name = SmsAppointment.BY_KEY, query = "select a from SmsAppointment a "
        + "where a.endpointId = :endpoint and a.appointmentHash = :hash")
@NamedQuery(name = SmsAppointment.BY_LINK, query = "select a from SmsAppointment a where a.linkCode = :code")
public class SmsAppointment {

    public static final String BY_KEY = "SmsAppointment.byKey";
    public static final String BY_LINK = "SmsAppointment.byLink";

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    /** The visit hash of {@code Appointment/<id>}: the appointment's key per endpoint. */
    @Column(name = "appointment_hash", length = 64, nullable = false, updatable = false)
    private String appointmentHash;

    /** The visit hash of {@code Appointment?identifier=<id>}. */
    @Column(name = "identifier_hash", length = 64, nullable = false, updatable = false)
    private String identifierHash;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "department", length = 200)
    private String department;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private AppointmentStatus status;

    @Column(name = "phone_sealed", length = 200)
    private String phoneSealed;

    @Column(name = "clinician_sealed", length = 400)
    private String clinicianSealed;

    @Column(name = "phone_hash", length = 64)
    private String phoneHash;

    @Column(name = "link_code", length = 32, nullable = false, updatable = false)
    private String linkCode;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sms_appointment_change", joinColumns = @JoinColumn(name = "appointment_id"))
    @OrderBy("sequence ASC")
    private List<AppointmentChange> history = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsAppointment() {
        // for JPA
    }

    /** A new appointment (S12, or the first message the feed sends of it). */
    public static SmsAppointment book(UUID organizationId, UUID endpointId, AppointmentKeys keys,
                                      AppointmentDetails details, ControlHash control, String linkCode, Instant at) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(details, "details");
        SmsAppointment a = new SmsAppointment();
        a.id = UUID.randomUUID().toString();
        a.organizationId = organizationId.toString();
        a.endpointId = endpointId.toString();
        a.appointmentHash = keys.reference().value();
        a.identifierHash = keys.identifier().value();
        a.linkCode = requireText(linkCode, "linkCode");
        a.createdAt = at;
        a.startsAt = details.startsAt();
        a.department = details.department();
        a.phoneSealed = details.phoneSealed();
        a.phoneHash = details.phoneHash();
        a.clinicianSealed = details.clinicianSealed();
        a.status = AppointmentStatus.BOOKED;
        a.record(AppointmentEvent.BOOKED, null, control, at);
        return a;
    }

    /**
     * Applies a later message. A booking or modification that changes the time counts as a move; a cancellation of
     * a cancelled appointment changes nothing.
     *
     * @throws IllegalAppointmentTransitionException the appointment is cancelled, deleted or a no-show and the
     *                                               message would bring it back or move it
     */
    public AppointmentOutcome apply(AppointmentEvent event, AppointmentDetails details, ControlHash control,
                                    Instant at) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(details, "details");
        AppointmentStatus before = status;
        if (!status.isOn()) {
            if (event == AppointmentEvent.CANCELLED && status == AppointmentStatus.CANCELLED
                    || event == AppointmentEvent.DELETED) {
                if (event == AppointmentEvent.DELETED) {
                    status = AppointmentStatus.DELETED;
                }
                record(event, before, control, at);
                return AppointmentOutcome.UPDATED;
            }
            throw new IllegalAppointmentTransitionException("The appointment is " + status.name().toLowerCase()
                    + " already; a message " + event.trigger() + " cannot apply to it.");
        }
        AppointmentOutcome outcome;
        switch (event) {
            case BOOKED, RESCHEDULED, MODIFIED -> {
                boolean moved = !details.startsAt().equals(startsAt);
                startsAt = details.startsAt();
                if (details.department() != null) {
                    department = details.department();
                }
                if (details.phoneSealed() != null) {
                    phoneSealed = details.phoneSealed();
                    phoneHash = details.phoneHash();
                }
                if (details.clinicianSealed() != null) {
                    clinicianSealed = details.clinicianSealed();
                }
                if (moved) {
                    status = AppointmentStatus.MOVED;
                }
                outcome = moved ? AppointmentOutcome.MOVED : AppointmentOutcome.UPDATED;
            }
            case CANCELLED -> {
                status = AppointmentStatus.CANCELLED;
                outcome = AppointmentOutcome.CANCELLED;
            }
            case DELETED -> {
                status = AppointmentStatus.DELETED;
                outcome = AppointmentOutcome.ENDED;
            }
            case NO_SHOW -> {
                status = AppointmentStatus.NO_SHOW;
                outcome = AppointmentOutcome.ENDED;
            }
            default -> throw new IllegalStateException(event.name());
        }
        record(event, before, control, at);
        return outcome;
    }

    /**
     * Forgets the patient's number and the clinician's name (the appointment is over or cancelled and its messages
     * are sent).
     */
    public void forgetPhone() {
        phoneSealed = null;
        clinicianSealed = null;
    }

    private void record(AppointmentEvent event, AppointmentStatus from, ControlHash control, Instant at) {
        Objects.requireNonNull(control, "control");
        history.add(new AppointmentChange(history.size() + 1, event, from, status, control.value(), at));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(name + " must be 1 to 200 characters");
        }
        return value;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    /** The keyed hashes of the appointment's id (its key, and the visit hashes a short link looks for). */
    public AppointmentKeys keys() {
        return new AppointmentKeys(new AppointmentHash(appointmentHash), new AppointmentHash(identifierHash));
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Optional<String> department() {
        return Optional.ofNullable(department);
    }

    public AppointmentStatus status() {
        return status;
    }

    public Optional<String> phoneSealed() {
        return Optional.ofNullable(phoneSealed);
    }

    /** The clinician's name sealed, while the appointment's messages may use it. */
    public Optional<String> clinicianSealed() {
        return Optional.ofNullable(clinicianSealed);
    }

    public Optional<String> phoneHash() {
        return Optional.ofNullable(phoneHash);
    }

    public String linkCode() {
        return linkCode;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The latest change's sequence number (an update message is sent once per move). */
    public int lastSequence() {
        return history.size();
    }

    public List<AppointmentChange> history() {
        return Collections.unmodifiableList(history);
    }
}
