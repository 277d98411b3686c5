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
@NamedQuery(name = FhirEndpoint.BY_LAUNCH_KEY, query = "select e from FhirEndpoint e where e.launchKey = :launchKey "
        + "order by e.baseUrl, e.id")
@NamedQuery(name = FhirEndpoint.BY_ORGANIZATION_ENVIRONMENT_AND_URL, query = "select e from FhirEndpoint e "
        + "where e.organizationId = :organizationId and e.environment = :environment and e.baseUrl = :baseUrl")
@NamedQuery(name = FhirEndpoint.ORGANIZATIONS_BY_BASE_URLS, query = "select distinct e.baseUrl, e.organizationId "
        + "from FhirEndpoint e where e.baseUrl in :baseUrls")
public class FhirEndpoint {

    public static final String BY_ORGANIZATION = "FhirEndpoint.byOrganization";
    public static final String COUNT_BY_ORGANIZATION = "FhirEndpoint.countByOrganization";
    public static final String BY_BASE_URL_AND_STATUS = "FhirEndpoint.byBaseUrlAndStatus";
    public static final String BY_ORGANIZATION_ENVIRONMENT_AND_URL = "FhirEndpoint.byOrganizationEnvironmentAndUrl";
    public static final String BY_LAUNCH_KEY = "FhirEndpoint.byLaunchKey";
    /** The length of a launch key: 128 random bits, base64url without padding. */
    public static final int LAUNCH_KEY_LENGTH = 22;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    public static final String ORGANIZATIONS_BY_BASE_URLS = "FhirEndpoint.organizationsByBaseUrls";

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

    /** The sites that may frame its launch and visit pages, space-separated; null: the EHR's own site. */
    @Column(name = "frame_ancestors", length = 2000)
    private String frameAncestors;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "launch_key", length = 64, nullable = false)
    private String launchKey;

    /** The administrator confirmed that this URL is a shared EHR (another organization registered it too). */
    @Column(name = "shared_ehr", nullable = false)
    private boolean sharedEhr;

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
        this.launchKey = newLaunchKey();
        apply(details);
    }

    /**
     * An organization admin enters a new endpoint; it starts as {@link EndpointStatus#DRAFT}.
     *
     * @throws EndpointActionForbiddenException unless {@code actor} is an ORG_ADMIN of {@code organizationId}
     */
    public static FhirEndpoint create(UUID organizationId, EndpointDetails details, Actor actor, Instant at) {
        return create(organizationId, details, EhrSharing.NOT_SHARED, actor, at);
    }

    /**
     * An organization admin enters a new endpoint whose URL another organization may use too: then only as a
     * confirmed shared EHR, which the creation's history row records.
     *
     * @throws SharedEhrNotConfirmedException another organization uses the URL and {@code sharing} is not confirmed
     */
    public static FhirEndpoint create(UUID organizationId, EndpointDetails details, EhrSharing sharing, Actor actor,
                                      Instant at) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(sharing, "sharing");
        requireActorAndTime(actor, at);
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new EndpointActionForbiddenException(EndpointAction.CREATE,
                    "Only an administrator (ORG_ADMIN) of the organization may add a FHIR endpoint to it.");
        }
        if (details == null) {
            throw new InvalidFhirBaseUrlException(InvalidFhirBaseUrlException.Problem.REQUIRED,
                    "The FHIR base URL is required, for example " + FhirBaseUrl.EXAMPLE + ".");
        }
        boolean shared = sharing.isSharedEhr(details.baseUrl());
        FhirEndpoint endpoint = new FhirEndpoint(organizationId, details, at);
        endpoint.sharedEhr = shared;
        endpoint.record(EndpointAction.CREATE, null, EndpointStatus.DRAFT, actor, at,
                shared ? EhrSharing.CONFIRMED_NOTE : null);
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
        return edit(newValues, EhrSharing.NOT_SHARED, actor, at);
    }

    /**
     * As {@link #edit(EndpointDetails, Actor, Instant)}; a new FHIR base URL that another organization uses is
     * accepted only as a confirmed shared EHR ({@code sharing}, checked for the new URL; the history row says so).
     * A new URL that nobody else uses is the organization's own again. Without a new URL, {@code sharing} is not
     * looked at and the recorded choice stays.
     *
     * @throws SharedEhrNotConfirmedException the new URL is another organization's too and not confirmed as shared
     */
    public boolean edit(EndpointDetails newValues, EhrSharing sharing, Actor actor, Instant at) {
        Objects.requireNonNull(sharing, "sharing");
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
        boolean newUrl = !newValues.baseUrl().equals(baseUrl());
        boolean shared = newUrl ? sharing.isSharedEhr(newValues.baseUrl()) : sharedEhr;
        apply(newValues);
        String note = newUrl && shared ? "; " + EhrSharing.CONFIRMED_NOTE : "";
        sharedEhr = shared;
        move(EndpointAction.EDIT, to, actor, at, "Changed: " + String.join(", ", changed) + note);
        return true;
    }

    /** The admin asks the approver to review: from DRAFT, or again from REJECTED or WITHDRAWN. */
    public void submitForApproval(Actor actor, Instant at) {
        requireActorAndTime(actor, at);
        requireAdmin(actor, EndpointAction.SUBMIT);
        move(EndpointAction.SUBMIT, next(EndpointAction.SUBMIT), actor, at, null);
    }

    /**
     * The named approver signed in to the EHR for this base URL (SMART standalone launch). Recorded only when
     * the sign-in proves staff access ({@link StaffEhrUser}: a Practitioner or PractitionerRole of this EHR) and
     * the endpoint is still exactly what the sign-in was started for: the same FHIR base URL and the same
     * {@link #version()} (no edit, withdrawal or other transition meanwhile). Only the fact, the time and the
     * EHR user id are kept.
     *
     * @throws EndpointChangedDuringSignInException the endpoint changed since the sign-in started (discarded)
     * @throws EhrUserNotStaffException             a patient, a proxy or no fhirUser: nothing recorded
     */
    public void recordEhrVerification(Actor actor, EhrSignIn signIn, Instant at) {
        requireActorAndTime(actor, at);
        Objects.requireNonNull(signIn, "signIn");
        requireApprover(actor, EndpointAction.RECORD_EHR_VERIFICATION);
        requireUnchangedSince(signIn);
        EndpointStatus to = next(EndpointAction.RECORD_EHR_VERIFICATION);
        StaffEhrUser staff = StaffEhrUser.of(signIn.ehrUser(), baseUrl());
        verified(actor, staff.reference(), to, at);
    }

    /**
     * Development mode only: the system marks a seeded endpoint of the bundled EHR sandbox as verified without
     * any EHR sign-in; {@code note} says so in place of an EHR user.
     */
    public void recordSeededVerification(Actor actor, String note, Instant at) {
        requireActorAndTime(actor, at);
        requireApprover(actor, EndpointAction.RECORD_EHR_VERIFICATION);
        verified(actor, note, next(EndpointAction.RECORD_EHR_VERIFICATION), at);
    }

    /** What the approver's EHR sign-in must be bound to when it starts: see {@link #recordEhrVerification}. */
    public EhrSignIn signInFor(String ehrUser) {
        return new EhrSignIn(ehrUser, baseUrl, version, lastChange().sequence());
    }

    private void requireUnchangedSince(EhrSignIn signIn) {
        if (!signIn.fhirBaseUrl().equals(baseUrl)) {
            throw new EndpointChangedDuringSignInException(EndpointChangedDuringSignInException.Change.BASE_URL,
                    signIn.fhirBaseUrl(), baseUrl, status);
        }
        if (signIn.lastChange() != lastChange().sequence()) { // another action meanwhile
            throw new EndpointChangedDuringSignInException(status == EndpointStatus.AWAITING_APPROVAL
                    ? EndpointChangedDuringSignInException.Change.OTHER
                    : EndpointChangedDuringSignInException.Change.STATUS, signIn.fhirBaseUrl(), baseUrl, status);
        }
        if (signIn.endpointVersion() != version) { // a change of the row that no action wrote (a setting)
            throw new EndpointChangedDuringSignInException(EndpointChangedDuringSignInException.Change.OTHER,
                    signIn.fhirBaseUrl(), baseUrl, status);
        }
    }

    private void verified(Actor actor, String ehrUser, EndpointStatus to, Instant at) {
        EhrVerification verification = new EhrVerification(ehrUser, at);
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

    /**
     * The admin says which sites may show this endpoint's launch and visit pages in a frame (an EHR that
     * opens OpenVisit inside its own page, such as Oracle Health PowerChart or Epic's web client);
     * {@code null} goes back to the default, the site of the FHIR base URL. Allowed in every status, and
     * no status changes: the EHR connection the approver checked stays the same. Recorded in the history.
     *
     * @return whether anything changed
     */
    public boolean setFrameAncestors(FrameAncestors ancestors, Actor actor, Instant at) {
        requireActorAndTime(actor, at);
        requireAdmin(actor, EndpointAction.SET_FRAME_ANCESTORS);
        EndpointStatus to = next(EndpointAction.SET_FRAME_ANCESTORS);
        String stored = ancestors == null ? null : ancestors.stored();
        if (Objects.equals(stored, frameAncestors)) {
            return false;
        }
        frameAncestors = stored;
        record(EndpointAction.SET_FRAME_ANCESTORS, status, to, actor, at, stored == null
                ? "Sites that may frame it: the default, the EHR's own site ("
                + FrameAncestors.defaultFor(baseUrl()).stored() + ")"
                : "Sites that may frame it: " + stored);
        return true;
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

    /** The sites set by the admin; empty when the default applies. */
    public Optional<FrameAncestors> frameAncestorsSetting() {
        return Optional.ofNullable(FrameAncestors.stored(frameAncestors));
    }

    /** The sites that may frame its launch and visit pages: the admin's list, or the EHR's own site. */
    public FrameAncestors frameAncestors() {
        return frameAncestorsSetting().orElseGet(() -> FrameAncestors.defaultFor(baseUrl()));
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

    /**
     * The unguessable key in this endpoint's own launch URLs ({@code /launch/e/{key}} and {@code /launch/e/{key}/patient}):
     * it routes a launch to this endpoint, and so to its organization, when several organizations share one EHR; the
     * launch still has to name this endpoint's FHIR base URL as {@code iss}. Unique with the base URL.
     */
    public String launchKey() {
        return launchKey;
    }

    /**
     * Gives the endpoint a launch key of the installation's choosing instead of its random one (development mode's
     * demo endpoints share a well-known key; their {@code iss} tells them apart).
     *
     * @throws InvalidEndpointException a key that is not 4 to 64 letters, digits, '-' or '_'
     */
    public void assignLaunchKey(String key) {
        if (key == null || !key.matches("[A-Za-z0-9_-]{4,64}")) {
            throw new InvalidEndpointException("launchKey", "A launch key is 4 to 64 letters, digits, '-' or '_'.");
        }
        this.launchKey = key;
    }

    /** 128 random bits, base64url: a new endpoint's launch key. */
    public static String newLaunchKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Whether the administrator confirmed this URL as a shared EHR (see {@link EhrSharing}). */
    public boolean isSharedEhr() {
        return sharedEhr;
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
