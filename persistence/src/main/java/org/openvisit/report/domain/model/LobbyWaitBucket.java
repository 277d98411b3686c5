package org.openvisit.report.domain.model;

/**
 * The classes of the lobby-wait chart: each holds the waits from the previous bucket's bound (included) up to its own
 * {@link #belowSeconds()} (excluded); the last one is open-ended.
 */
public enum LobbyWaitBucket {
    UNDER_1_MIN(60),
    MIN_1_TO_2(120),
    MIN_2_TO_5(300),
    MIN_5_TO_10(600),
    MIN_10_TO_20(1200),
    OVER_20_MIN(Long.MAX_VALUE);

    private final long belowSeconds;

    LobbyWaitBucket(long belowSeconds) {
        this.belowSeconds = belowSeconds;
    }

    /** The first wait (in seconds) that no longer falls in this bucket; {@link Long#MAX_VALUE} for the last. */
    public long belowSeconds() {
        return belowSeconds;
    }

    /** The bucket of a wait in seconds (a negative wait, which the definitions never give, counts as the first). */
    public static LobbyWaitBucket of(long seconds) {
        for (LobbyWaitBucket b : values()) {
            if (seconds < b.belowSeconds) {
                return b;
            }
        }
        return OVER_20_MIN;
    }
}
