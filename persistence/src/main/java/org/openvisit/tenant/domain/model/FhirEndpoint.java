package org.openvisit.tenant.domain.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One FHIR API of an organization's EHR that OpenVisit may be launched from, with its approval.
 * <p>
 * Who may do what (guards are checked before the status, so a user who may not act learns nothing
 * about the endpoint's state):
 * <ul>
 *   <li>create, edit, submit: an {@link Role#ORG_ADMIN} of the endpoint's organization;</li>
 *   <li>record the EHR verification, approve, reject: only the named approver, holding
 *       {@link Role#EHR_ANALYST} in the endpoint's organization (who may also be its admin, and still
 *       needs the EHR sign-in before approving);</li>
 *   <li>withdraw: an {@link Role#ORG_ADMIN} of the organization, or an {@link Role#OPERATOR} of the
 *       installation (an emergency stop, for example when an EHR misbehaves or a hospital asks by phone;
 *       the reason is recorded like any other). Operators may do nothing else here.</li>
 * </ul>
 * Which status allows which action is {@link EndpointStatus}'s business. Every action appends an
 * {@link EndpointStatusChange}. The organization is referenced by id only: it is another aggregate.
 */
@Entity
@Table(name = "fhir_endpoint")
@NamedQuery(name = FhirEndpoint.BY_ORGANIZATION, query = "select e from FhirEndpoint e "
        + "where e.organizationId = :organizationId order by e.baseUrl, e.environment, e.id")
@NamedQuery(name = FhirEndpoint.COUNT_BY_ORGANIZATION, query = "select count(e) from FhirEndpoint e "
        + "where e.organizationId = :organizationId")
@NamedQuery(name = FhirEndpoint.BY_BASE_URL_AND_STATUS, query = "select e from FhirEndpoint e "
        + "where e.baseUrl = :baseUrl and e.status = :status order by e.organizationId, e.environment, e.id")
@NamedQuery(name = FhirEndpoint.BY_ORGANIZATION_ENVIRONMENT_AND_URL, query = "select e from FhirEndpoint e "
        + "where e.organizationId = :organizationId and e.environment = :environment and e.baseUrl = :baseUrl")
public class FhirEndpoint {

    public static final String BY_ORGANIZATION = "FhirEndpoint.byOrganization";
    public static final String COUNT_BY_ORGANIZATION = "FhirEndpoint.countByOrganization";
    public static final String BY_BASE_URL_AND_STATUS = "FhirEndpoint.byBaseUrlAndStatus";
    public static final String BY_ORGANIZATION_ENVIRONMENT_AND_URL = "FhirEndpoint.byOrganizationEnvironmentAndUrl";

    public static final int MAX_REASON_LENGTH = 500;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "base_url", length = FhirBaseUrl.MAX_LENGTH, nullable = false)
    private String baseUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "environment", length = 16, nullable = false)
    private FhirEnvironment environment;

    @Column(name = "label", length = EndpointDetails.MAX_LABEL_LENGTH * 2)
    private String label;

    @Column(name = "approver", length = PortalUsername.MAX_LENGTH * 2, nullable = false)
    private String approver;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 24, nullable = false)
    private EndpointStatus status;

    @Column(name = "ehr_verified_at")
    private Instant ehrVerifiedAt;

    @Column(name = "ehr_user_id", length = EhrVerification.MAX_EHR_USER_ID_LENGTH)
    private String ehrUserId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "endpoint", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sequence ASC")
    private List<EndpointStatusChange> history = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected FhirEndpoint() {
        // for JPA
    }

    private FhirEndpoint(UUID organizationId, EndpointDetails details, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.organizationId = organizationId.toString();
        this.status = EndpointStatus.DRAFT;
        this.createdAt = createdAt;
        apply(details);
    }

    /**
     * An organization admin enters a new endpoint; it starts as {@link EndpointStatus#DRAFT}.
     *
     * @throws EndpointActionForbiddenException unless {@code actor} is an ORG_ADMIN of {@code organizationId}
     */
    public static FhirEndpoint create(UUID organizationId, EndpointDetails details, Actor actor, Instant at) {
        Objects.requireNonNull(organizationId, "organizationId");
        requireActorAndTime(actor, at);
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new EndpointActionForbiddenException(EndpointAction.CREATE,
                    "Only an administrator (ORG_ADMIN) of the organization may add a FHIR endpoint to it.");
        }
        if (details == null) {
            throw new InvalidFhirBaseUrlException(InvalidFhirBaseUrlException.Problem.REQUIRED,
                    "The FHIR base URL is required, for example " + FhirBaseUrl.EXAMPLE + ".");
        }
        FhirEndpoint endpoint = new FhirEndpoint(organizationId, details, at);
        endpoint.record(EndpointAction.CREATE, null, EndpointStatus.DRAFT, actor, at, null);
        return endpoint;
    }

    /**
     * Changes what the admin entered. Any change to an endpoint under or after review (AWAITING_APPROVAL,
     * EHR_VERIFIED, APPROVED, REJECTED) sends it back to AWAITING_APPROVAL: the approver has to sign in to
     * the EHR and approve again, and an approved endpoint is out of service until then. A DRAFT stays a
     * DRAFT and a WITHDRAWN endpoint stays WITHDRAWN. Saving the same values changes nothing.
     *
     * @return whether anything changed
     */
    public boolean edit(EndpointDetails newValues, Actor actor, Instant at) {
        requireActorAndTime(actor, at);
        requireAdmin(actor, EndpointAction.EDIT);
        EndpointStatus to = next(EndpointAction.EDIT);
        if (newValues == null) {
            throw new InvalidFhirBaseUrlException(InvalidFhirBaseUrlException.Problem.REQUIRED,
                    "The FHIR base URL is required, for example " + FhirBaseUrl.EXAMPLE + ".");
        }
        List<String> changed = newValues.differencesFrom(details());
        if (changed.isEmpty()) {
            return false;
        }
        apply(newValues);
        move(EndpointAction.EDIT, to, actor, at, "Changed: " + String.join(", ", changed));
        return true;
    }

    /** The admin asks the approver to review: from DRAFT, or again from REJECTED or WITHDRAWN. */
    public void submitForApproval(Actor actor, Instant at) {
        requireActorAndTime(actor, at);
        requireAdmin(actor, EndpointAction.SUBMIT);
        move(EndpointAction.SUBMIT, next(EndpointAction.SUBMIT), actor, at, null);
    }

    /**
     * The named approver signed in to the EHR for this base URL (SMART standalone launch). Only the fact,
     * the time and the EHR user id are kept.
     */
    public void recordEhrVerification(Actor actor, String ehrUserId, Instant at) {
        requireActorAndTime(actor, at);
        requireApprover(actor, EndpointAction.RECORD_EHR_VERIFICATION);
        EndpointStatus to = next(EndpointAction.RECORD_EHR_VERIFICATION);
        EhrVerification verification = new EhrVerification(ehrUserId, at);
        move(EndpointAction.RECORD_EHR_VERIFICATION, to, actor, at,
                "Signed in to the EHR as " + verification.ehrUserId());
        this.ehrVerifiedAt = verification.verifiedAt();
        this.ehrUserId = verification.ehrUserId();
    }

    /** The named approver approves; only after their EHR sign-in (EHR_VERIFIED). The endpoint is then in service. */
    public void approve(Actor actor, Instant at) {
        requireActorAndTime(actor, at);
        requireApprover(actor, EndpointAction.APPROVE);
        move(EndpointAction.APPROVE, next(EndpointAction.APPROVE), actor, at, null);
    }

    /** The named approver rejects, from AWAITING_APPROVAL or EHR_VERIFIED, saying why (1 to 500 characters). */
    public void reject(Actor actor, String reason, Instant at) {
        requireActorAndTime(actor, at);
        requireApprover(actor, EndpointAction.REJECT);
        EndpointStatus to = next(EndpointAction.REJECT);
        move(EndpointAction.REJECT, to, actor, at, requireReason(reason, "rejecting"));
    }

    /** The admin (or an operator) takes the endpoint out of use, saying why (1 to 500 characters). */
    public void withdraw(Actor actor, String reason, Instant at) {
        requireActorAndTime(actor, at);
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId()) && !actor.hasRole(Role.OPERATOR)) {
            throw new EndpointActionForbiddenException(EndpointAction.WITHDRAW, "Only an administrator (ORG_ADMIN) "
                    + "of the endpoint's organization or an operator of this installation may withdraw it.");
        }
        EndpointStatus to = next(EndpointAction.WITHDRAW);
        move(EndpointAction.WITHDRAW, to, actor, at, requireReason(reason, "withdrawing"));
    }

    private EndpointStatus next(EndpointAction action) {
        return status.after(action).orElseThrow(() -> new IllegalEndpointTransitionException(status, action));
    }

    /** Changes the status and writes the history row; the EHR verification only survives where the status carries it. */
    private void move(EndpointAction action, EndpointStatus to, Actor actor, Instant at, String reason) {
        EndpointStatus from = status;
        status = to;
        if (!to.isEhrVerified()) {
            ehrVerifiedAt = null;
            ehrUserId = null;
        }
        record(action, from, to, actor, at, reason);
    }

    private void record(EndpointAction action, EndpointStatus from, EndpointStatus to, Actor actor, Instant at,
                        String reason) {
        history.add(new EndpointStatusChange(this, history.size() + 1, action, from, to, actor.username(), at,
                reason));
    }

    private void apply(EndpointDetails details) {
        this.baseUrl = details.baseUrl().value();
        this.environment = details.environment();
        this.label = details.label();
        this.approver = details.approver().value();
    }

    private void requireAdmin(Actor actor, EndpointAction action) {
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId())) {
            throw new EndpointActionForbiddenException(action, "Only an administrator (ORG_ADMIN) of the "
                    + "endpoint's organization may have an endpoint " + action.pastParticiple() + ".");
        }
    }

    private void requireApprover(Actor actor, EndpointAction action) {
        if (!actor.hasRoleIn(Role.EHR_ANALYST, organizationId()) || !actor.isNamed(approver())) {
            throw new EndpointActionForbiddenException(action, "Only the approver named for this endpoint, signed "
                    + "in with the EHR analyst role of its organization, may have it " + action.pastParticiple()
                    + ".");
        }
    }

    private static void requireActorAndTime(Actor actor, Instant at) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    private static String requireReason(String reason, String doing) {
        String value = reason == null ? "" : reason.strip();
        if (value.isEmpty()) {
            throw new InvalidEndpointException("reason", "A reason is required when " + doing + " an endpoint.");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidEndpointException("reason", "The reason must not contain control characters.");
        }
        if (value.codePointCount(0, value.length()) > MAX_REASON_LENGTH) {
            throw new InvalidEndpointException("reason", "The reason must be at most " + MAX_REASON_LENGTH
                    + " characters.");
        }
        return value;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public FhirBaseUrl baseUrl() {
        return FhirBaseUrl.stored(baseUrl);
    }

    public FhirEnvironment environment() {
        return environment;
    }

    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    public PortalUsername approver() {
        return new PortalUsername(approver);
    }

    /** The values the admin entered, as they are now. */
    public EndpointDetails details() {
        return new EndpointDetails(baseUrl(), environment, label, approver());
    }

    public EndpointStatus status() {
        return status;
    }

    /** Only an approved endpoint accepts launches. */
    public boolean isInService() {
        return status.isInService();
    }

    /** The approver's EHR sign-in, while the endpoint is EHR_VERIFIED or APPROVED. */
    public Optional<EhrVerification> ehrVerification() {
        return ehrVerifiedAt == null ? Optional.empty() : Optional.of(new EhrVerification(ehrUserId, ehrVerifiedAt));
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Every action so far, oldest first. */
    public List<EndpointStatusChange> history() {
        return Collections.unmodifiableList(history);
    }

    public EndpointStatusChange lastChange() {
        return history.get(history.size() - 1);
    }

    public long version() {
        return version;
    }
}
