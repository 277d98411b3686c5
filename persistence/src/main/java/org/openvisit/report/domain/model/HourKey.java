package org.openvisit.report.domain.model;

import java.util.Objects;
import java.util.UUID;

/** One organization's UTC hour of report figures: {@code hourNo} whole hours since 1970-01-01T00:00Z. */
public record HourKey(UUID organizationId, long hourNo) {

    public HourKey {
        Objects.requireNonNull(organizationId, "organizationId");
    }

    /** The hour a report time falls in. */
    public static long hourOf(java.time.Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600L);
    }
}
