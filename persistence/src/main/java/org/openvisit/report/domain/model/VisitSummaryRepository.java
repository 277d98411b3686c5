package org.openvisit.report.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The per-visit summaries of one regional store, and the report queries over them (paged in the database). */
public interface VisitSummaryRepository {

    Optional<VisitSummary> find(UUID visitId);

    /** Stores a new summary, marks its hour ({@link #markHours}) and flushes. */
    void add(VisitSummary summary);

    /**
     * Up to {@code max} visits whose summary must be made again now: open visits whose no-show deadline has passed by
     * {@code now}, and visits created since {@code createdSince} (null: ever) that have no summary or events their
     * summary has not seen. Both read an index: the window keeps the second from reading every visit of the store.
     */
    List<UUID> needingRefresh(Instant now, Instant createdSince, int max);

    /** Up to {@code max} visit ids after {@code afterId} (null: from the first), of one organization or all (null). */
    List<UUID> visitIds(UUID organizationId, String afterId, int max);

    /**
     * Sets the write-back state of these visits' summaries from their delivery tasks, in the database (the delivery
     * queue's outcome transaction calls it: no events, no visit lock). Visits without tasks keep their state.
     */
    void followWriteBack(java.util.Collection<UUID> visitIds);

    ReportTotals totals(ReportFilter filter);

    long count(ReportFilter filter);

    /** One page of the filtered visits, sorted in the database. */
    List<VisitSummary> page(ReportFilter filter, ReportSort sort, boolean ascending, int first, int max);

    /**
     * Up to {@code max} of the filtered visits after the given one in (report time, visit id) order (null: from the
     * first): keyset paging for exports of any length.
     */
    List<VisitSummary> after(ReportFilter filter, Instant reportAt, UUID visitId, int max);

    /**
     * The filtered visits counted by status and by UTC time bucket of {@code bucketSeconds} (from the epoch) of their
     * report time, grouped in the database; buckets without visits are left out.
     */
    List<TimeBucketCount> countsByTime(ReportFilter filter, int bucketSeconds);

    /**
     * The call quality of the filtered visits (their attendees' aggregate rows added up) by UTC time bucket of
     * {@code bucketSeconds} of the visit's report time, grouped in the database; buckets without calls are left out.
     */
    List<QualitySums> qualityByTime(ReportFilter filter, int bucketSeconds);

    /** The filtered visits that have a lobby wait, counted per {@link LobbyWaitBucket} in the database (all buckets). */
    Map<LobbyWaitBucket, Long> lobbyWaits(ReportFilter filter);

    /**
     * Marks the UTC hours of these report times of an organization: their {@link HourFigures} are to be made again
     * ({@link #makeHour}). An insert of new rows only, so that visits being written at once never wait on each other.
     */
    void markHours(UUID organizationId, java.util.Collection<Instant> reportTimes, Instant now);

    /** Marks every hour of the organization (null: of every organization) that has visits or figures: a rebuild. */
    void markAllHours(UUID organizationId, Instant now);

    /** Up to {@code max} marked hours of one organization (null: of all), the longest marked first. */
    List<HourKey> markedHours(UUID organizationId, int max);

    /**
     * Makes one hour's figures again from the visits' summaries and removes the marks of it that were there before
     * (a mark added meanwhile stays for the next time). Two callers at once on one hour: one of them fails.
     */
    void makeHour(HourKey hour, Instant now);

    /** The cards, read from the visits' summaries alone (what {@link #totals} gives when no hour figures serve). */
    ReportTotals exactTotals(ReportFilter filter);
}
