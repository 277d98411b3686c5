package org.openvisit.writeback.application;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a delivery again: exponential ({@code base}, 2·base, 4·base ... capped at {@code max})
 * with "equal jitter" (a random point in the upper half of that step), so that the tasks a dead EHR
 * failed together do not come back together. An EHR's {@code Retry-After} is honoured: never sooner.
 */
public record Backoff(Duration base, Duration max) {

    /** The longest {@code Retry-After} believed (a larger one is taken as this). */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("The back-off needs 0 < base <= max.");
        }
    }

    /** The step before attempt {@code failures + 1}: base · 2^(failures-1), at most max. */
    public Duration step(int failures) {
        int shift = Math.max(0, Math.min(failures - 1, 30));
        long millis = base.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /**
     * The wait after the {@code failures}-th failed attempt.
     *
     * @param random a value in [0, 1)
     */
    public Duration delay(int failures, Optional<Duration> retryAfter, DoubleSupplier random) {
        long step = step(failures).toMillis();
        long jittered = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
        Duration wait = Duration.ofMillis(jittered);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return wait;
    }
}
