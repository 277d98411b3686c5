package org.openvisit.report.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The booked slot of a visit's appointment as far as the EHR told it (either end may be unknown), and the grace after
 * the slot before a patient who has not come counts as a no-show.
 */
public record Booking(Instant start, Instant end, Duration grace) {

    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);

    public Booking {
        grace = grace == null || grace.isNegative() ? DEFAULT_GRACE : grace;
    }

    public static Booking unknown(Duration grace) {
        return new Booking(null, null, grace);
    }

    /** End of the booked slot plus the grace (slot end unknown: its start plus the grace); empty without a booking. */
    public Optional<Instant> noShowDeadline() {
        Instant slotEnd = end != null ? end : start;
        return Optional.ofNullable(slotEnd).map(t -> t.plus(grace));
    }
}
