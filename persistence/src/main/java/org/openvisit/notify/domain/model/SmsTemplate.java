package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's own wording of one kind of SMS in one language (global store: configuration, no patient data),
 * for all its endpoints or for one of them: an endpoint sends its own wording, else the organization's, else the
 * shipped text of that language. The answers to HELP, STOP and START are the organization's only (a number that
 * receives them may serve several endpoints). Only an administrator (ORG_ADMIN) of the organization writes it, and
 * only a text {@link SmsTemplateText#check} accepts.
 */
@Entity
@Table(name = "sms_template")
public class SmsTemplate {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    private SmsTemplateKind kind;

    /** {@value #ORGANIZATION_SCOPE} or the endpoint's id. */
    @Column(name = "scope", length = 36, nullable = false, updatable = false)
    private String scope;

    @Column(name = "language", length = 8, nullable = false, updatable = false)
    private String language;

    @Column(name = "body", length = 1000, nullable = false)
    private String body;

    @Column(name = "updated_by", length = 508, nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    static final String ORGANIZATION_SCOPE = "organization";

    protected SmsTemplate() {
        // for JPA
    }

    /**
     * @throws SmsActionForbiddenException unless {@code actor} is an ORG_ADMIN of the organization
     * @throws InvalidValueException       an unknown language, or a text {@link SmsTemplateText#check} refuses
     */
    public SmsTemplate(UUID organizationId, SmsTemplateKind kind, String language, String text, Actor actor,
                       Instant at) {
        this(organizationId, Optional.empty(), kind, language, text, actor, at);
    }

    /**
     * The wording of one endpoint ({@code endpointId} empty: of the whole organization).
     *
     * @throws SmsActionForbiddenException unless {@code actor} is an ORG_ADMIN of the organization
     * @throws InvalidValueException       an unknown language, a text {@link SmsTemplateText#check} refuses, or an
     *                                     endpoint's wording of an answer to a keyword
     */
    public SmsTemplate(UUID organizationId, Optional<UUID> endpointId, SmsTemplateKind kind, String language,
                       String text, Actor actor, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        this.kind = Objects.requireNonNull(kind, "kind");
        this.scope = scopeOf(endpointId);
        requireScope(kind, endpointId);
        if (language == null || !SmsEndpointSettings.LANGUAGES.contains(language)) {
            throw new InvalidValueException("language", "Messages are written in en, zh-CN, zh-TW or ru.")
                    .worded("sms.language");
        }
        this.language = language;
        change(text, actor, at);
    }

    /** Writes a new text (checked first: a refused text changes nothing). */
    public void change(String text, Actor actor, Instant at) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.hasRoleIn(Role.ORG_ADMIN, UUID.fromString(organizationId))) {
            throw new SmsActionForbiddenException();
        }
        this.body = SmsTemplateText.check(kind, text);
        this.updatedBy = actor.username();
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    /** The endpoint this wording is for; empty: the whole organization's. */
    public Optional<UUID> endpointId() {
        return ORGANIZATION_SCOPE.equals(scope) ? Optional.empty() : Optional.of(UUID.fromString(scope));
    }

    /**
     * @throws InvalidValueException an endpoint's wording of an answer to a keyword (a number that receives HELP,
     *                               STOP or START may serve several endpoints)
     */
    public static void requireScope(SmsTemplateKind kind, Optional<UUID> endpointId) {
        if (endpointId.isPresent() && !kind.perEndpoint()) {
            throw new InvalidValueException("endpoint", "The answers to HELP, STOP and START are the organization's: "
                    + "one number may serve several endpoints.").worded("sms.template.organizationOnly");
        }
    }

    /** The stored scope of an endpoint's wording, or of the organization's. */
    public static String scopeOf(Optional<UUID> endpointId) {
        return endpointId.map(UUID::toString).orElse(ORGANIZATION_SCOPE);
    }

    public SmsTemplateKind kind() {
        return kind;
    }

    public String language() {
        return language;
    }

    public String body() {
        return body;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
