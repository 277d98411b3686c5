package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One endpoint's FHIR rest-hook Subscription (Subscriptions Backport IG, global store): the topic the administrator
 * named, the EHR's Subscription id, the receiver's random path id, a SHA-256 of the secret the EHR echoes in a header
 * (checked in constant time; the secret is never kept), the state, the highest event number taken in, and when the
 * keeper looks at it next. A notification whose numbers leave a gap ({@link #notified}) says so, so the feed polls at
 * once. No patient data.
 */
@Entity
@Table(name = "sms_fhir_subscription")
@NamedQuery(name = SmsFhirSubscription.BY_HOOK, query = "select s from SmsFhirSubscription s where s.hookId = :hook")
@NamedQuery(name = SmsFhirSubscription.BY_ORGANIZATION, query = "select s from SmsFhirSubscription s "
        + "where s.organizationId = :organization order by s.endpointId")
public class SmsFhirSubscription {

    public static final String BY_HOOK = "SmsFhirSubscription.byHook";
    public static final String BY_ORGANIZATION = "SmsFhirSubscription.byOrganization";
    public static final int MAX_TOPIC = 500;
    private static final int MAX_TEXT = 500;

    @Id
    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "topic", length = MAX_TOPIC)
    private String topic;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private SubscriptionState state;

    @Column(name = "hook_id", length = 36)
    private String hookId;

    @Column(name = "ehr_subscription_id", length = 100)
    private String ehrSubscriptionId;

    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "events_seen", nullable = false)
    private long eventsSeen;

    @Column(name = "last_contact_at")
    private Instant lastContactAt;

    @Column(name = "ends_at")
    private Instant endsAt;

    @Column(name = "next_check_at", nullable = false)
    private Instant nextCheckAt;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "reason", length = MAX_TEXT)
    private String reason;

    @Column(name = "state_changed_at", nullable = false)
    private Instant stateChangedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsFhirSubscription() {
        // for JPA
    }

    public SmsFhirSubscription(UUID organizationId, UUID endpointId, Instant at) {
        this.organizationId = organizationId.toString();
        this.endpointId = endpointId.toString();
        this.state = SubscriptionState.OFF;
        this.nextCheckAt = at;
        this.stateChangedAt = at;
    }

    /**
     * The administrator names the EHR's appointment topic (null or blank: no subscription). A new or changed topic
     * makes a new Subscription at once (the old one is dropped when the next one is made).
     */
    public void want(String newTopic, Instant at) {
        String cleaned = newTopic == null || newTopic.isBlank() ? null : newTopic.strip();
        if (Objects.equals(cleaned, topic) && state != SubscriptionState.OFF) {
            return;
        }
        topic = cleaned;
        failures = 0;
        reason = null;
        move(cleaned == null ? SubscriptionState.OFF : SubscriptionState.PENDING, at);
        nextCheckAt = at;
        claimedUntil = null;
    }

    /** The keeper takes this row for {@code lease} (false: not due, or another node has it). */
    public boolean claim(Instant now, Duration lease) {
        if (topic == null || nextCheckAt.isAfter(now) || (claimedUntil != null && claimedUntil.isAfter(now))) {
            return false;
        }
        claimedUntil = now.plus(lease);
        return true;
    }

    /**
     * Before a new Subscription is asked for: its receiver path and secret, so that a handshake the EHR sends while
     * it makes the Subscription is recognised. The old hook and secret stop working at once.
     */
    public void prepare(String newHookId, String secret) {
        hookId = newHookId;
        secretHash = hash(secret);
        eventsSeen = 0;
        lastContactAt = null;
    }

    /** The EHR made the Subscription: active if its handshake came already, else awaiting it until {@code checkAt}. */
    public void created(String ehrId, Instant ends, Instant now, Instant checkAt) {
        ehrSubscriptionId = ehrId;
        endsAt = ends;
        reason = null;
        failures = 0;
        move(lastContactAt != null ? SubscriptionState.ACTIVE : SubscriptionState.REQUESTED, now);
        nextCheckAt = checkAt;
        claimedUntil = null;
    }

    /** The Subscription was renewed at the EHR (or checked and still there) until {@code ends}. */
    public void kept(Instant ends, Instant checkAt) {
        endsAt = ends;
        failures = 0;
        nextCheckAt = checkAt;
        claimedUntil = null;
    }

    /** The EHR refused to make it (it offers no Subscriptions, or not that topic); asked again at {@code retryAt}. */
    public void notOffered(String why, Instant now, Instant retryAt) {
        failures++;
        reason = cut(why);
        move(SubscriptionState.NOT_OFFERED, now);
        nextCheckAt = retryAt;
        claimedUntil = null;
    }

    /** Something went wrong making or checking it: the Subscription is made again at {@code retryAt}. */
    public void failed(String why, Instant now, Instant retryAt) {
        failures++;
        reason = cut(why);
        move(SubscriptionState.ERROR, now);
        nextCheckAt = retryAt;
        claimedUntil = null;
    }

    /** The EHR's handshake: the Subscription works. */
    public void handshake(Instant now) {
        lastContactAt = now;
        failures = 0;
        reason = null;
        if (state != SubscriptionState.ACTIVE && state != SubscriptionState.OFF) {
            move(SubscriptionState.ACTIVE, now);
        }
    }

    /**
     * A heartbeat or an event notification with the EHR's count of events since the Subscription started and the
     * event numbers it carries: the highest number is kept, and the answer says whether some were missed (a number
     * skipped, or a count higher than any number seen). A repeat or an older notification is no gap.
     *
     * @return true when events were missed (the feed should poll at once)
     */
    public boolean notified(long eventsSinceStart, java.util.List<Long> eventNumbers, Instant now) {
        handshake(now);
        boolean gap = false;
        long highest = eventsSeen;
        for (long n : eventNumbers.stream().sorted().toList()) {
            if (n < 1) {
                continue; // not an event number; nothing to learn from it
            }
            if (n - highest > 1) {
                gap = true;
            }
            highest = Math.max(highest, n);
        }
        if (eventsSinceStart > highest) {
            gap = true;
            highest = eventsSinceStart;
        }
        eventsSeen = Math.max(eventsSeen, highest);
        return gap;
    }

    /** The EHR says the Subscription is in error (status {@code error}): made again at the next check. */
    public void reportedError(Instant now) {
        failed("The EHR reported the Subscription in error.", now, now);
    }

    /** Whether {@code presented} is the secret given to the EHR (constant time; false when none). */
    public boolean secretMatches(String presented) {
        if (secretHash == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.US_ASCII),
                hash(presented).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether notifications are expected: a Subscription was made and not given up. */
    public boolean listening() {
        return state == SubscriptionState.REQUESTED || state == SubscriptionState.ACTIVE;
    }

    /** Whether it is active and the EHR was heard within {@code quiet} (then polling may be slower). */
    public boolean activeSince(Instant now, Duration quiet) {
        return state == SubscriptionState.ACTIVE && lastContactAt != null && !lastContactAt.plus(quiet).isBefore(now);
    }

    private void move(SubscriptionState to, Instant at) {
        if (state != to) {
            state = to;
            stateChangedAt = at;
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String text) {
        return text == null ? null : text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    public SubscriptionState state() {
        return state;
    }

    public Optional<String> hookId() {
        return Optional.ofNullable(hookId);
    }

    public Optional<String> ehrSubscriptionId() {
        return Optional.ofNullable(ehrSubscriptionId);
    }

    public long eventsSeen() {
        return eventsSeen;
    }

    public Optional<Instant> lastContactAt() {
        return Optional.ofNullable(lastContactAt);
    }

    public Optional<Instant> endsAt() {
        return Optional.ofNullable(endsAt);
    }

    public Instant nextCheckAt() {
        return nextCheckAt;
    }

    public int failures() {
        return failures;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Instant stateChangedAt() {
        return stateChangedAt;
    }
}
