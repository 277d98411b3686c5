package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One endpoint's appointment feed source (global store) and, when it is FHIR polling, the poll's durable state: how
 * often and how far ahead it looks, the cursor (the EHR's {@code meta.lastUpdated} up to which every change was taken
 * in), when the next poll is due, which run of which node holds it (until its lease runs out) and what came of the
 * last run. A run is claimed ({@link #claim}), reports each stored page ({@link #pageStored}), and ends
 * {@link #finished} (the cursor moves to the highest time the run saw) or {@link #failed} (the cursor stays; the next
 * try waits). Only the run that holds the claim may report; a run whose lease ran out is refused.
 * No patient data: reasons are words about the EHR's answers, counts are numbers.
 */
@Entity
@Table(name = "sms_fhir_feed")
@NamedQuery(name = SmsFhirFeed.BY_ORGANIZATION, query = "select f from SmsFhirFeed f "
        + "where f.organizationId = :organization order by f.endpointId")
public class SmsFhirFeed {

    public static final String BY_ORGANIZATION = "SmsFhirFeed.byOrganization";
    public static final int DEFAULT_INTERVAL_MINUTES = 5;
    public static final int DEFAULT_HORIZON_DAYS = 14;
    public static final int MAX_INTERVAL_MINUTES = 24 * 60;
    public static final int MAX_HORIZON_DAYS = 90;
    static final int MAX_TEXT = 500;

    @Id
    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", length = 16, nullable = false)
    private FeedSource source;

    @Column(name = "interval_minutes", nullable = false)
    private int intervalMinutes;

    @Column(name = "horizon_days", nullable = false)
    private int horizonDays;

    @Column(name = "cursor_at")
    private Instant cursorAt;

    @Column(name = "full_sync_at")
    private Instant fullSyncAt;

    @Column(name = "next_poll_at", nullable = false)
    private Instant nextPollAt;

    @Column(name = "claimed_by", length = 100)
    private String claimedBy;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "run_pages", nullable = false)
    private int runPages;

    @Column(name = "run_high")
    private Instant runHigh;

    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    @Column(name = "last_fed", nullable = false)
    private int lastFed;

    @Column(name = "last_skipped", nullable = false)
    private int lastSkipped;

    @Column(name = "last_skip_reasons", length = MAX_TEXT)
    private String lastSkipReasons;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_kind", length = 24)
    private FhirFeedFailure failureKind;

    @Column(name = "failure_reason", length = MAX_TEXT)
    private String failureReason;

    @Column(name = "failed_at")
    private Instant failedAt;

    @Column(name = "updated_by", length = 508, nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsFhirFeed() {
        // for JPA
    }

    /** A new endpoint's feed: HL7v2 (nothing polled), every 5 minutes and 14 days ahead once switched to FHIR. */
    public SmsFhirFeed(UUID organizationId, UUID endpointId, String by, Instant at) {
        this.organizationId = organizationId.toString();
        this.endpointId = endpointId.toString();
        this.source = FeedSource.HL7V2;
        this.intervalMinutes = DEFAULT_INTERVAL_MINUTES;
        this.horizonDays = DEFAULT_HORIZON_DAYS;
        this.nextPollAt = at;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /**
     * Chooses the source and, for FHIR polling, how often and how far ahead. Switching to FHIR polling makes a poll
     * due at once; switching away lets a run under way finish nothing (its reports are refused).
     *
     * @throws InvalidValueException an interval or horizon out of range
     */
    public void choose(FeedSource source, Integer intervalMinutes, Integer horizonDays, String by, Instant at) {
        Objects.requireNonNull(source, "source");
        int interval = intervalMinutes == null ? this.intervalMinutes : intervalMinutes;
        int horizon = horizonDays == null ? this.horizonDays : horizonDays;
        if (interval < 1 || interval > MAX_INTERVAL_MINUTES) {
            throw new InvalidValueException("intervalMinutes", "Poll every 1 to " + MAX_INTERVAL_MINUTES
                    + " minutes (a day).").worded("sms.feed.interval", MAX_INTERVAL_MINUTES);
        }
        if (horizon < 1 || horizon > MAX_HORIZON_DAYS) {
            throw new InvalidValueException("horizonDays", "Look 1 to " + MAX_HORIZON_DAYS + " days ahead.")
                    .worded("sms.feed.horizon", MAX_HORIZON_DAYS);
        }
        if (source == FeedSource.FHIR_POLLING && this.source != FeedSource.FHIR_POLLING) {
            nextPollAt = at;
            failures = 0;
            failureKind = null;
            failureReason = null;
            failedAt = null;
        }
        if (source != FeedSource.FHIR_POLLING) {
            release();
        }
        this.source = source;
        this.intervalMinutes = interval;
        this.horizonDays = horizon;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /** Polled now: FHIR polling, due, and no run holds it (or its lease ran out). */
    public boolean due(Instant now) {
        return source == FeedSource.FHIR_POLLING && !nextPollAt.isAfter(now)
                && (claimedBy == null || leaseUntil == null || !leaseUntil.isAfter(now));
    }

    /**
     * The run {@code run} takes the poll until {@code now + lease}.
     *
     * @return false (nothing changed) when it is not due, or another run holds it
     */
    public boolean claim(String run, Instant now, Duration lease) {
        Objects.requireNonNull(run, "run");
        if (!due(now)) {
            return false;
        }
        claimedBy = run;
        leaseUntil = now.plus(lease);
        runPages = 0;
        runHigh = null;
        lastRunAt = now;
        lastFed = 0;
        lastSkipped = 0;
        lastSkipReasons = null;
        return true;
    }

    /** Whether {@code run} holds the poll at {@code now}. */
    public boolean heldBy(String run, Instant now) {
        return run != null && run.equals(claimedBy) && leaseUntil != null && leaseUntil.isAfter(now)
                && source == FeedSource.FHIR_POLLING;
    }

    /**
     * A page of the run was stored (every appointment on it taken in or skipped): counts it, remembers the highest
     * {@code meta.lastUpdated} seen, and renews the lease.
     *
     * @param skipped reasons (codes) and how many appointments each skipped
     * @return false (nothing changed) when the run no longer holds the poll
     */
    public boolean pageStored(String run, Instant pageHigh, int fed, Map<String, Integer> skipped, Instant now,
                              Duration lease) {
        if (!heldBy(run, now)) {
            return false;
        }
        runPages++;
        if (pageHigh != null && (runHigh == null || pageHigh.isAfter(runHigh))) {
            runHigh = pageHigh;
        }
        lastFed += fed;
        Map<String, Integer> reasons = reasons(lastSkipReasons);
        skipped.forEach((reason, count) -> reasons.merge(reason, count, Integer::sum));
        lastSkipped = reasons.values().stream().mapToInt(Integer::intValue).sum();
        lastSkipReasons = reasons.isEmpty() ? null : cut(String.join(",", reasons.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        leaseUntil = now.plus(lease);
        return true;
    }

    /**
     * The run read its last page: the cursor moves to the highest {@code meta.lastUpdated} the run saw (never back),
     * the next poll is due after the interval, and any failure is over.
     *
     * @param fullSync the run searched without {@code _lastUpdated} (a full look over the horizon)
     * @return false (nothing changed) when the run no longer holds the poll
     */
    public boolean finished(String run, boolean fullSync, Instant now) {
        if (!heldBy(run, now)) {
            return false;
        }
        if (runHigh != null && (cursorAt == null || runHigh.isAfter(cursorAt))) {
            cursorAt = runHigh;
        }
        if (fullSync) {
            fullSyncAt = now;
        }
        lastSuccessAt = now;
        failures = 0;
        failureKind = null;
        failureReason = null;
        failedAt = null;
        nextPollAt = now.plus(Duration.ofMinutes(intervalMinutes));
        release();
        return true;
    }

    /**
     * The run failed: the cursor stays where it was (the pages stored are taken in again next time and recognised),
     * the failure is recorded in words, and the next try waits until {@code retryAt}.
     *
     * @return false (nothing changed) when the run no longer holds the poll
     */
    public boolean failed(String run, FhirFeedFailure kind, String reason, Instant now, Instant retryAt) {
        if (!heldBy(run, now)) {
            return false;
        }
        failures++;
        failureKind = Objects.requireNonNull(kind, "kind");
        failureReason = cut(reason);
        failedAt = now;
        nextPollAt = retryAt.isBefore(now) ? now : retryAt;
        release();
        return true;
    }

    private void release() {
        claimedBy = null;
        leaseUntil = null;
    }

    /** Whether a run should look over the whole horizon (no {@code _lastUpdated}): never yet, or not since {@code every}. */
    /**
     * Polls at once (the FHIR Subscription missed events or is in error): the next poll is due now, unless sooner.
     * A run under way is not disturbed (it sets its own next poll when it ends).
     */
    public void pollSoon(Instant now) {
        if (polling() && nextPollAt.isAfter(now)) {
            nextPollAt = now;
        }
    }

    /** A FHIR Subscription is active: the next poll, the safety net, may wait until {@code at} (never sooner). */
    public void pollNoSoonerThan(Instant at) {
        if (polling() && at.isAfter(nextPollAt)) {
            nextPollAt = at;
        }
    }

    public boolean fullSyncDue(Instant now, Duration every) {
        return cursorAt == null || fullSyncAt == null || !fullSyncAt.plus(every).isAfter(now);
    }

    private static Map<String, Integer> reasons(String text) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                String[] p = pair.split("=", 2);
                if (p.length == 2) {
                    try {
                        reasons.put(p[0], Integer.parseInt(p[1]));
                    } catch (NumberFormatException e) {
                        // not ours: dropped
                    }
                }
            }
        }
        return reasons;
    }

    private static String cut(String text) {
        return text == null ? null : text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public FeedSource source() {
        return source;
    }

    public boolean polling() {
        return source == FeedSource.FHIR_POLLING;
    }

    public int intervalMinutes() {
        return intervalMinutes;
    }

    public int horizonDays() {
        return horizonDays;
    }

    public Optional<Instant> cursor() {
        return Optional.ofNullable(cursorAt);
    }

    public Optional<Instant> fullSyncAt() {
        return Optional.ofNullable(fullSyncAt);
    }

    public Instant nextPollAt() {
        return nextPollAt;
    }

    public Optional<String> claimedBy() {
        return Optional.ofNullable(claimedBy);
    }

    public int runPages() {
        return runPages;
    }

    public Optional<Instant> lastRunAt() {
        return Optional.ofNullable(lastRunAt);
    }

    public Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }

    public int lastFed() {
        return lastFed;
    }

    public int lastSkipped() {
        return lastSkipped;
    }

    /** Why appointments of the last run were skipped: reason code to how many. */
    public Map<String, Integer> lastSkipReasons() {
        return reasons(lastSkipReasons);
    }

    public int failures() {
        return failures;
    }

    public Optional<FhirFeedFailure> failureKind() {
        return Optional.ofNullable(failureKind);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    public Optional<Instant> failedAt() {
        return Optional.ofNullable(failedAt);
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
