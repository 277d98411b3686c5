package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of a sending number's history: which action took it from which status to which, who (a portal username,
 * or {@link SmsNumber#SYSTEM} for the provisioning job), when, and a note (the carrier's failure, the endpoint
 * linked). Only ever added; {@code sequence} keeps the order whatever the servers' clocks say.
 */
@Entity
@Table(name = "sms_number_status_change")
public class SmsNumberStatusChange {

    public static final int MAX_NOTE = 500;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "number_id", nullable = false, updatable = false)
    private SmsNumber number;

    @Column(name = "sequence_no", nullable = false, updatable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", length = 16, nullable = false, updatable = false)
    private SmsNumberAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 16, updatable = false)
    private SmsNumberStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 16, nullable = false, updatable = false)
    private SmsNumberStatus toStatus;

    @Column(name = "actor", length = 508, nullable = false, updatable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant at;

    @Column(name = "note", length = MAX_NOTE, updatable = false)
    private String note;

    protected SmsNumberStatusChange() {
        // for JPA
    }

    SmsNumberStatusChange(SmsNumber number, int sequence, SmsNumberAction action, SmsNumberStatus from,
                          SmsNumberStatus to, String actor, Instant at, String note) {
        this.id = UUID.randomUUID().toString();
        this.number = number;
        this.sequence = sequence;
        this.action = action;
        this.fromStatus = from;
        this.toStatus = to;
        this.actor = actor;
        this.at = at;
        this.note = note == null || note.length() <= MAX_NOTE ? note : note.substring(0, MAX_NOTE);
    }

    public int sequence() {
        return sequence;
    }

    public SmsNumberAction action() {
        return action;
    }

    public Optional<SmsNumberStatus> from() {
        return Optional.ofNullable(fromStatus);
    }

    public SmsNumberStatus to() {
        return toStatus;
    }

    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }

    public Optional<String> note() {
        return Optional.ofNullable(note);
    }
}
