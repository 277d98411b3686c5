package org.openvisit.visit.infrastructure.teams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When OpenVisit reads a Teams meeting's attendance reports again. The limits, chosen on purpose:
 * <ul>
 *   <li>while the visit is open: every {@code interval} (default 2 minutes: Teams makes a report when a session of
 *       the meeting is over, so a dropped and rejoined call shows within minutes; one request per open visit every two
 *       minutes stays far below Graph's per-app limits);</li>
 *   <li>once the visit has ended: {@link #AFTER_END} after the end (1, 2, 4 and 8 minutes; Teams writes the last
 *       report shortly after the meeting ends, and the write-back keeps the EHR's references 10 minutes after the end
 *       by default, so the events still reach the EHR), then every {@link #AFTER_END_PACE} (or the interval when
 *       that is longer) until {@link #MAX_WATCH} after the watch was made: a Teams meeting can be joined again by its
 *       link at any time, and the organizer joining a later session starts the visit again ({@link MeetingOver});
 *       a visit ended by its meeting's attendance ends at the last session's end, the quiet period ago, so its
 *       {@code AFTER_END} reads are mostly past already;</li>
 *   <li>a visit is watched for {@link #MAX_WATCH} after the watch was made (the {@code AFTER_END} reads of a visit
 *       that ends just before that still happen);</li>
 *   <li>after a failure: the interval doubled per failure in a row, at most {@link #MAX_BACKOFF}, at least what
 *       Graph's {@code Retry-After} asked; given up after {@link #MAX_FAILURES} failures in a row, or once the watch is
 *       {@link #MAX_WATCH} old and the visit's end (if any) {@link #MAX_BACKOFF} past.</li>
 * </ul>
 */
public final class AttendancePollPlan {

    static final List<Duration> AFTER_END = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(4), Duration.ofMinutes(8));
    /**
     * After the {@link #AFTER_END} reads, only a later session of the meeting is still to be seen (its report comes
     * once that session is over): one request per ended visit every 10 minutes keeps far below Graph's per-app limits,
     * and a restart seen within 10 minutes of Teams' report is soon enough for the EHR.
     */
    static final Duration AFTER_END_PACE = Duration.ofMinutes(10);
    static final Duration MAX_WATCH = Duration.ofHours(12);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    static final int MAX_FAILURES = 8;

    private final Duration interval;

    AttendancePollPlan(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The attendance interval must be positive");
        }
        this.interval = interval;
    }

    Duration interval() {
        return interval;
    }

    /** The first read of a meeting made at {@code now}. */
    Instant first(Instant now) {
        return now.plus(interval);
    }

    /**
     * The read after a successful one at {@code now}; empty: the watch is over.
     *
     * @param endedAt when the visit ended, {@code null} while it is open
     */
    Optional<Instant> afterSuccess(Instant now, Instant createdAt, Instant endedAt) {
        if (endedAt != null) {
            Optional<Instant> soon = AFTER_END.stream().map(endedAt::plus).filter(t -> t.isAfter(now)).findFirst();
            if (soon.isPresent()) {
                return soon;
            }
        }
        if (!now.isBefore(createdAt.plus(MAX_WATCH))) {
            return Optional.empty();
        }
        if (endedAt != null) {
            return Optional.of(now.plus(interval.compareTo(AFTER_END_PACE) > 0 ? interval : AFTER_END_PACE));
        }
        return Optional.of(now.plus(interval));
    }

    /**
     * The try after the {@code failures}-th failure in a row at {@code now}; empty: given up.
     *
     * @param retryAfter what Graph asked to wait, or {@code null}
     */
    Optional<Instant> afterFailure(Instant now, Instant createdAt, Instant endedAt, int failures, Duration retryAfter) {
        Instant over = createdAt.plus(MAX_WATCH);
        if (endedAt != null && endedAt.plus(MAX_BACKOFF).isAfter(over)) {
            over = endedAt.plus(MAX_BACKOFF);
        }
        if (failures >= MAX_FAILURES || !now.isBefore(over)) {
            return Optional.empty();
        }
        Duration backoff = interval.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter;
        }
        return Optional.of(now.plus(backoff));
    }
}
