package org.openvisit.identity.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed password sign-ins slow down the next ones: after {@code freeFailures} each further failure doubles
 * the wait before the next attempt is even checked (from {@code firstDelay} up to {@code maxDelay}); at
 * {@code lockoutFailures} the subject is locked for {@code lockout}. Failures older than {@code memory} are
 * forgotten.
 */
public record ThrottlePolicy(int freeFailures, Duration firstDelay, Duration maxDelay, int lockoutFailures,
                             Duration lockout, Duration memory) {

    public ThrottlePolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(memory, "memory");
        if (freeFailures < 0 || lockoutFailures <= freeFailures) {
            throw new IllegalArgumentException("The lockout must come after the free failures.");
        }
    }

    /** The wait after {@code failures} failures (zero while they are free). */
    Duration delayAfter(int failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures - 1, 20);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
