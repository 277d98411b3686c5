package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.ZoneId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One message of the durable send schedule (regional store): an appointment's confirmation, update, cancellation
 * notice or reminder, due at a time. The table holds each (appointment, kind, slot) once (a unique constraint), so
 * a replayed feed message or a second node cannot schedule it twice; a send leaves PENDING once and for all.
 */
@Entity
@Table(name = "sms_send")
@NamedQuery(name = SmsSend.OF_APPOINTMENT, query = "select s from SmsSend s where s.appointmentId = :appointment "
        + "order by s.dueAt, s.id")
public class SmsSend {

    public static final String OF_APPOINTMENT = "SmsSend.ofAppointment";
    private static final int MAX_REASON = 300;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "appointment_id", length = 36, nullable = false, updatable = false)
    private String appointmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    private SendKind kind;

    @Column(name = "slot", nullable = false, updatable = false)
    private int slot;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private SendStatus status;

    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    /** Whether {@link #dueAt} is a slot of the sending number taken for this message ({@link #deferTo}). */
    @Column(name = "slot_kept", nullable = false)
    private boolean slotKept;

    @Column(name = "done_at")
    private Instant doneAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsSend() {
        // for JPA
    }

    public SmsSend(SmsAppointment appointment, SendKind kind, int slot, Instant dueAt) {
        this.id = UUID.randomUUID().toString();
        this.organizationId = appointment.organizationId().toString();
        this.appointmentId = appointment.id().toString();
        this.kind = Objects.requireNonNull(kind, "kind");
        this.slot = slot;
        this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
        this.status = SendStatus.PENDING;
    }

    /** Handed to the carrier. */
    public void sent(Instant at) {
        finish(SendStatus.SENT, null, at);
    }

    /** Could not be sent (the reason in words, no patient data). */
    public void skip(String why, Instant at) {
        finish(SendStatus.SKIPPED, why, at);
    }

    /** Not to be sent any more (cancelled appointment, or moved so that the reminder is past). */
    public void cancel(String why, Instant at) {
        finish(SendStatus.CANCELLED, why, at);
    }

    /** The appointment moved: a pending reminder follows it, or is cancelled when its new time is already past. */
    public void retime(Instant newDue, Instant now) {
        requirePending();
        if (newDue.isBefore(now)) {
            cancel("The appointment moved; this reminder's time had passed.", now);
        } else {
            dueAt = newDue;
            slotKept = false;
        }
    }

    /**
     * Keeps the message from going out in the endpoint's quiet hours: when {@code now} falls in them, it waits (still
     * pending) for their end, or, a reminder that would then arrive after the appointment has begun, is skipped.
     *
     * @return whether it was held (deferred or skipped) rather than left to be sent now
     */
    public boolean holdForQuietHours(QuietHours quiet, ZoneId zone, Instant appointmentStart, Instant now) {
        requirePending();
        Optional<Instant> end = quiet.endIfQuiet(now, zone);
        if (end.isEmpty()) {
            return false;
        }
        if (kind() == SendKind.REMINDER && !end.get().isBefore(appointmentStart)) {
            skip("It came due in the quiet hours, which end after the appointment has begun.", now);
        } else {
            dueAt = end.get();
            slotKept = false;
        }
        return true;
    }

    /**
     * Waits, still pending, for its sending number's next free slot (the per-number rate, {@link NumberPace}): it is
     * due again then, and that slot is kept for it.
     */
    public void deferTo(Instant slot) {
        requirePending();
        dueAt = Objects.requireNonNull(slot, "slot");
        slotKept = true;
    }

    /** The sending number's slot this message waited for, if it is still its own ({@link #deferTo}). */
    public Optional<Instant> keptSlot() {
        return slotKept ? Optional.of(dueAt) : Optional.empty();
    }

    /** The carrier failed: the slot is given up, and the message takes a new one after the number's back-off. */
    public void giveUpSlot() {
        slotKept = false;
    }

    private void finish(SendStatus to, String why, Instant at) {
        requirePending();
        status = to;
        reason = why == null ? null : why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why;
        doneAt = at;
    }

    private void requirePending() {
        if (status != SendStatus.PENDING) {
            throw new IllegalStateException("This message is " + status + " already.");
        }
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public UUID appointmentId() {
        return UUID.fromString(appointmentId);
    }

    public SendKind kind() {
        return kind;
    }

    public int slot() {
        return slot;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public SendStatus status() {
        return status;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Optional<Instant> doneAt() {
        return Optional.ofNullable(doneAt);
    }
}
