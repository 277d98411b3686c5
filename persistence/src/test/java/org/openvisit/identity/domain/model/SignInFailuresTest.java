package org.openvisit.identity.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInFailuresTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
    private static final ThrottlePolicy POLICY = new ThrottlePolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 10,
            Duration.ofMinutes(15), Duration.ofHours(1));

    @Test
    void theFirstFailuresAreFreeThenEachOneDoublesTheWaitUpToTheMaximum() {
        SignInFailures f = new SignInFailures("account:ada", T0);
        Instant at = T0;
        for (int i = 1; i <= 3; i++) {
            f.fail(POLICY, at);
            assertThat(f.blockedUntil(POLICY, at)).as("failure " + i).isEmpty();
        }
        long[] waits = {1, 2, 4, 8, 16, 30};
        for (long wait : waits) {
            assertThat(f.fail(POLICY, at)).isFalse();
            assertThat(f.blockedUntil(POLICY, at)).contains(at.plusSeconds(wait));
            assertThat(f.blockedUntil(POLICY, at.plusSeconds(wait))).isEmpty();
            at = at.plusSeconds(wait);
        }
    }

    @Test
    void theTenthFailureLocksForTheLockoutAndFailuresAreForgottenAfterTheMemory() {
        SignInFailures f = new SignInFailures("account:ada", T0);
        for (int i = 1; i < 10; i++) {
            assertThat(f.fail(POLICY, T0)).isFalse();
        }
        assertThat(f.fail(POLICY, T0)).isTrue();
        assertThat(f.lockedAt(T0.plusSeconds(899))).isTrue();
        assertThat(f.blockedUntil(POLICY, T0.plusSeconds(899))).contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(f.lockedAt(T0.plusSeconds(900))).isFalse();
        // after the lockout each failure waits again, until an hour without one forgets them
        f.fail(POLICY, T0.plusSeconds(900));
        assertThat(f.blockedUntil(POLICY, T0.plusSeconds(900))).isPresent();
        assertThat(f.blockedUntil(POLICY, T0.plusSeconds(900).plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void aSubjectIsBounded() {
        assertThatThrownBy(() -> new SignInFailures("x".repeat(201), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThrottlePolicy(5, Duration.ZERO, Duration.ZERO, 5, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
