package org.openvisit.notify.domain.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's two SMS consents ({@link ConsentKind}): each given or not, by whom and when. Only an
 * administrator (ORG_ADMIN) of the organization grants or withdraws them; every change appends a
 * {@link SmsConsentChange}. Nothing SMS happens without both ({@link #requireBoth()}); withdrawing either stops all
 * of it. Granting one already given, or withdrawing one not given, changes nothing.
 */
@Entity
@Table(name = "sms_consent")
public class SmsConsent {

    @Id
    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "vendor_sends_by", length = 508)
    private String vendorSendsBy;

    @Column(name = "vendor_sends_at")
    private Instant vendorSendsAt;

    @Column(name = "patients_consented_by", length = 508)
    private String patientsConsentedBy;

    @Column(name = "patients_consented_at")
    private Instant patientsConsentedAt;

    @OneToMany(mappedBy = "consent", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sequence ASC")
    private List<SmsConsentChange> history = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsConsent() {
        // for JPA
    }

    /** No consent given yet. */
    public SmsConsent(UUID organizationId) {
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
    }

    /** Whose consent and when, if given. */
    public record Given(String by, Instant at) {
    }

    /**
     * Gives one consent.
     *
     * @return whether anything changed
     * @throws SmsActionForbiddenException unless {@code actor} is an ORG_ADMIN of the organization
     */
    public boolean grant(ConsentKind kind, Actor actor, Instant at) {
        requireAdmin(actor);
        Objects.requireNonNull(at, "at");
        if (given(kind).isPresent()) {
            return false;
        }
        set(kind, actor.username(), at);
        record(kind, ConsentAction.GRANT, actor.username(), at);
        return true;
    }

    /**
     * Withdraws one consent: from now on nothing SMS is possible until it is given again.
     *
     * @return whether anything changed
     * @throws SmsActionForbiddenException unless {@code actor} is an ORG_ADMIN of the organization
     */
    public boolean withdraw(ConsentKind kind, Actor actor, Instant at) {
        requireAdmin(actor);
        Objects.requireNonNull(at, "at");
        if (given(kind).isEmpty()) {
            return false;
        }
        set(kind, null, null);
        record(kind, ConsentAction.WITHDRAW, actor.username(), at);
        return true;
    }

    /** Both consents are given. */
    public boolean bothGiven() {
        return given(ConsentKind.VENDOR_SENDS).isPresent() && given(ConsentKind.PATIENTS_CONSENTED).isPresent();
    }

    /** @throws SmsConsentMissingException unless both consents are given */
    public void requireBoth() {
        if (!bothGiven()) {
            throw new SmsConsentMissingException();
        }
    }

    public Optional<Given> given(ConsentKind kind) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case VENDOR_SENDS -> vendorSendsAt == null ? Optional.empty()
                    : Optional.of(new Given(vendorSendsBy, vendorSendsAt));
            case PATIENTS_CONSENTED -> patientsConsentedAt == null ? Optional.empty()
                    : Optional.of(new Given(patientsConsentedBy, patientsConsentedAt));
        };
    }

    private void set(ConsentKind kind, String by, Instant at) {
        switch (kind) {
            case VENDOR_SENDS -> {
                vendorSendsBy = by;
                vendorSendsAt = at;
            }
            case PATIENTS_CONSENTED -> {
                patientsConsentedBy = by;
                patientsConsentedAt = at;
            }
        }
    }

    private void record(ConsentKind kind, ConsentAction action, String actor, Instant at) {
        history.add(new SmsConsentChange(this, history.size() + 1, kind, action, actor, at));
    }

    private void requireAdmin(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId())) {
            throw new SmsActionForbiddenException();
        }
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    /** Every grant and withdrawal, oldest first. */
    public List<SmsConsentChange> history() {
        return Collections.unmodifiableList(history);
    }
}
