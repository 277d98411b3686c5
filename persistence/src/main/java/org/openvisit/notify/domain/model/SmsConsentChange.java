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
import java.util.UUID;

/** One grant or withdrawal of one of an organization's SMS consents: who, when. Only ever added. */
@Entity
@Table(name = "sms_consent_change")
public class SmsConsentChange {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id", nullable = false, updatable = false)
    private SmsConsent consent;

    @Column(name = "sequence_no", nullable = false, updatable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "consent_kind", length = 32, nullable = false, updatable = false)
    private ConsentKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", length = 16, nullable = false, updatable = false)
    private ConsentAction action;

    @Column(name = "actor", length = 508, nullable = false, updatable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant at;

    protected SmsConsentChange() {
        // for JPA
    }

    SmsConsentChange(SmsConsent consent, int sequence, ConsentKind kind, ConsentAction action, String actor,
                     Instant at) {
        this.id = UUID.randomUUID().toString();
        this.consent = consent;
        this.sequence = sequence;
        this.kind = kind;
        this.action = action;
        this.actor = actor;
        this.at = at;
    }

    public int sequence() {
        return sequence;
    }

    public ConsentKind kind() {
        return kind;
    }

    public ConsentAction action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }
}
