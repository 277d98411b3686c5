package org.openvisit.notify.domain.model;

import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A phone number an organization sends SMS from, from the administrator's request through the carrier's
 * asynchronous provisioning to its release, with the organization's FHIR endpoints it serves.
 * <p>
 * Who may do what: request, retry, release, link and unlink — an administrator (ORG_ADMIN) of the organization, and
 * request and retry only with both SMS consents given; start, activate and fail — the provisioning job
 * ({@link #SYSTEM}). Which status allows which action is {@link SmsNumberStatus}'s business; every action appends an
 * {@link SmsNumberStatusChange}. The organization and the endpoints are other aggregates, referenced by id.
 */
@Entity
@Table(name = "sms_number")
@NamedQuery(name = SmsNumber.BY_ORGANIZATION, query = "select n from SmsNumber n "
        + "where n.organizationId = :organizationId order by n.requestedAt desc, n.id")
@NamedQuery(name = SmsNumber.UNFINISHED, query = "select n from SmsNumber n where n.status in :statuses "
        + "order by n.requestedAt, n.id")
@NamedQuery(name = SmsNumber.HELD, query = "select n.heldNumber from SmsNumber n where n.heldNumber is not null")
@NamedQuery(name = SmsNumber.BY_HELD, query = "select n from SmsNumber n where n.heldNumber = :number")
public class SmsNumber {

    public static final String BY_ORGANIZATION = "SmsNumber.byOrganization";
    public static final String UNFINISHED = "SmsNumber.unfinished";
    public static final String HELD = "SmsNumber.held";
    public static final String BY_HELD = "SmsNumber.byHeld";
    /** The actor the provisioning job records. */
    public static final String SYSTEM = "system:sms-provisioning";

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{1,5}");

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "country", length = 2, nullable = false, updatable = false)
    private String country;

    @Column(name = "area_code", length = 5, updatable = false)
    private String areaCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private SmsNumberStatus status;

    /** The number, once the carrier gave it (kept after release, for the history). */
    @Column(name = "e164", length = 16)
    private String e164;

    /** The number while the organization holds it: unique, so no two organizations ever hold the same. */
    @Column(name = "held_number", length = 16)
    private String heldNumber;

    /** The carrier's reference of the running provisioning job (opaque). */
    @Column(name = "carrier_job", length = 200)
    private String carrierJob;

    @Column(name = "failure", length = SmsNumberStatusChange.MAX_NOTE)
    private String failure;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "requested_by", length = 508, nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sms_number_endpoint", joinColumns = @JoinColumn(name = "number_id"))
    @Column(name = "endpoint_id", length = 36, nullable = false)
    private Set<String> endpoints = new TreeSet<>();

    @OneToMany(mappedBy = "number", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sequence ASC")
    private List<SmsNumberStatusChange> history = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsNumber() {
        // for JPA
    }

    /**
     * An administrator asks for a new number in {@code country} (ISO 3166 alpha-2), optionally in an area code.
     *
     * @throws SmsActionForbiddenException unless {@code actor} is an ORG_ADMIN of the consent's organization
     * @throws SmsConsentMissingException  unless both consents are given
     * @throws InvalidValueException       a country or area code that cannot be one
     */
    public static SmsNumber request(SmsConsent consent, String country, String areaCode, Actor actor, Instant at) {
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(at, "at");
        requireAdmin(actor, consent.organizationId());
        consent.requireBoth();
        String c = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(c).matches()) {
            throw new InvalidValueException("country", "Name the number's country by its two-letter code, for "
                    + "example US.").worded("sms.country");
        }
        String area = areaCode == null || areaCode.isBlank() ? null : areaCode.strip();
        if (area != null && !AREA_CODE.matcher(area).matches()) {
            throw new InvalidValueException("areaCode", "An area code is one to five digits, for example 202.")
                    .worded("sms.areaCode");
        }
        SmsNumber number = new SmsNumber();
        number.id = UUID.randomUUID().toString();
        number.organizationId = consent.organizationId().toString();
        number.country = c;
        number.areaCode = area;
        number.status = SmsNumberStatus.REQUESTED;
        number.attempts = 1;
        number.requestedBy = actor.username();
        number.requestedAt = at;
        number.record(SmsNumberAction.REQUEST, null, SmsNumberStatus.REQUESTED, actor.username(), at, null);
        return number;
    }

    /** The provisioning job handed the request to the carrier, which answered with its job reference. */
    public void start(String carrierJob, Instant at) {
        Objects.requireNonNull(carrierJob, "carrierJob");
        SmsNumberStatus to = next(SmsNumberAction.START);
        this.carrierJob = carrierJob;
        move(SmsNumberAction.START, to, SYSTEM, at, null);
    }

    /** The carrier gave the number: the organization holds it from now on. */
    public void activate(SendingNumber number, Instant at) {
        Objects.requireNonNull(number, "number");
        SmsNumberStatus to = next(SmsNumberAction.ACTIVATE);
        this.e164 = number.e164();
        this.heldNumber = number.e164();
        this.failure = null;
        move(SmsNumberAction.ACTIVATE, to, SYSTEM, at, number.e164());
    }

    /** The carrier could not give a number, for {@code reason} (words a person understands). */
    public void fail(String reason, Instant at) {
        String why = reason == null || reason.isBlank() ? "The carrier gave no reason." : reason.strip();
        SmsNumberStatus to = next(SmsNumberAction.FAIL);
        this.failure = why.length() <= SmsNumberStatusChange.MAX_NOTE ? why
                : why.substring(0, SmsNumberStatusChange.MAX_NOTE);
        this.carrierJob = null;
        move(SmsNumberAction.FAIL, to, SYSTEM, at, this.failure);
    }

    /**
     * An administrator asks again after a failure: a new provisioning job starts.
     *
     * @throws SmsConsentMissingException unless both consents are (still) given
     */
    public void retry(SmsConsent consent, Actor actor, Instant at) {
        requireAdmin(actor, organizationId());
        SmsNumberStatus to = next(SmsNumberAction.RETRY);
        requireSameOrganization(consent);
        consent.requireBoth();
        this.attempts++;
        move(SmsNumberAction.RETRY, to, actor.username(), at, null);
    }

    /** An administrator gives the number back (or abandons a failed request); it serves no endpoint any more. */
    public void release(Actor actor, Instant at) {
        requireAdmin(actor, organizationId());
        SmsNumberStatus to = next(SmsNumberAction.RELEASE);
        this.heldNumber = null;
        this.endpoints.clear();
        move(SmsNumberAction.RELEASE, to, actor.username(), at, null);
    }

    /**
     * The number serves one more of the organization's FHIR endpoints (the caller checked that the endpoint is the
     * organization's).
     *
     * @return whether anything changed
     */
    public boolean link(UUID endpointId, Actor actor, Instant at) {
        Objects.requireNonNull(endpointId, "endpointId");
        requireAdmin(actor, organizationId());
        SmsNumberStatus to = next(SmsNumberAction.LINK);
        if (!endpoints.add(endpointId.toString())) {
            return false;
        }
        move(SmsNumberAction.LINK, to, actor.username(), at, "endpoint " + endpointId);
        return true;
    }

    /** @return whether anything changed */
    public boolean unlink(UUID endpointId, Actor actor, Instant at) {
        Objects.requireNonNull(endpointId, "endpointId");
        requireAdmin(actor, organizationId());
        SmsNumberStatus to = next(SmsNumberAction.UNLINK);
        if (!endpoints.remove(endpointId.toString())) {
            return false;
        }
        move(SmsNumberAction.UNLINK, to, actor.username(), at, "endpoint " + endpointId);
        return true;
    }

    private SmsNumberStatus next(SmsNumberAction action) {
        return status.after(action).orElseThrow(() -> new IllegalSmsNumberTransitionException(status, action));
    }

    private void move(SmsNumberAction action, SmsNumberStatus to, String actor, Instant at, String note) {
        Objects.requireNonNull(at, "at");
        SmsNumberStatus from = status;
        status = to;
        record(action, from, to, actor, at, note);
    }

    private void record(SmsNumberAction action, SmsNumberStatus from, SmsNumberStatus to, String actor, Instant at,
                        String note) {
        history.add(new SmsNumberStatusChange(this, history.size() + 1, action, from, to, actor, at, note));
    }

    private void requireSameOrganization(SmsConsent consent) {
        if (!consent.organizationId().equals(organizationId())) {
            throw new IllegalArgumentException("The consent of another organization.");
        }
    }

    private static void requireAdmin(Actor actor, UUID organizationId) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new SmsActionForbiddenException();
        }
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public String country() {
        return country;
    }

    public Optional<String> areaCode() {
        return Optional.ofNullable(areaCode);
    }

    public SmsNumberStatus status() {
        return status;
    }

    /** The number the carrier gave, once it did. */
    public Optional<SendingNumber> number() {
        return Optional.ofNullable(e164).map(SendingNumber::new);
    }

    public Optional<String> carrierJob() {
        return Optional.ofNullable(carrierJob);
    }

    /** Why the last provisioning failed, while FAILED. */
    public Optional<String> failure() {
        return status == SmsNumberStatus.FAILED ? Optional.ofNullable(failure) : Optional.empty();
    }

    /** 1 for the first provisioning, one more for every retry. */
    public int attempts() {
        return attempts;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** The organization's FHIR endpoints this number serves. */
    public Set<UUID> endpoints() {
        TreeSet<UUID> ids = new TreeSet<>();
        endpoints.forEach(e -> ids.add(UUID.fromString(e)));
        return Collections.unmodifiableSet(ids);
    }

    public List<SmsNumberStatusChange> history() {
        return Collections.unmodifiableList(history);
    }

    public long version() {
        return version;
    }
}
