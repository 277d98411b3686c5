package org.openvisit.sandbox.fault;

import org.junit.jupiter.api.Test;
import org.openvisit.sandbox.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FaultSwitchTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final FaultSwitch faults = new FaultSwitch(clock);

    @Test
    void behavesWhenNoFaultIsSet() {
        assertThat(faults.nextRequest()).isEmpty();
    }

    @Test
    void spoilsOnlyTheNextCountRequests() {
        faults.set(new Fault(Fault.Mode.ERROR, null, 2, null, null));

        assertThat(faults.nextRequest()).isPresent();
        assertThat(faults.nextRequest()).isPresent();
        assertThat(faults.nextRequest()).isEmpty();
    }

    @Test
    void endsWhenItsTimeIsUp() {
        faults.set(new Fault(Fault.Mode.DOWN, clock.instant().plusSeconds(10), null, null, null));
        assertThat(faults.nextRequest()).map(Fault::mode).contains(Fault.Mode.DOWN);

        clock.advance(Duration.ofSeconds(10));

        assertThat(faults.nextRequest()).isEmpty();
        assertThat(faults.current()).isEmpty();
    }

    @Test
    void rateLimitCarriesItsRetryAfter() {
        faults.set(new Fault(Fault.Mode.RATE_LIMITED, null, null, Duration.ofSeconds(7), null));

        assertThat(faults.nextRequest()).map(Fault::retryAfter).contains(Duration.ofSeconds(7));
        faults.clear();
        assertThat(faults.nextRequest()).isEmpty();
    }

    @Test
    void aRateSpoilsOnlyThatShareOfRequestsChosenAtRandom() {
        double[] next = {0.1, 0.5, 0.29, 0.3, 0.9};
        int[] i = {0};
        FaultSwitch sometimes = new FaultSwitch(clock, () -> next[i[0]++]);
        sometimes.set(new Fault(Fault.Mode.ERROR, null, null, null, null, 0.3));
        assertThat(sometimes.nextRequest()).isPresent();
        assertThat(sometimes.nextRequest()).isEmpty();
        assertThat(sometimes.nextRequest()).isPresent();
        assertThat(sometimes.nextRequest()).isEmpty();
        assertThat(sometimes.nextRequest()).isEmpty();
        assertThat(sometimes.current().orElseThrow().rate()).isEqualTo(0.3);
    }

    @Test
    void aConcurrentEditSpoilsOnlyConditionalUpdatesAndCountsThem() {
        faults.set(new Fault(Fault.Mode.CONCURRENT_EDIT, null, 2, null, null));
        assertThat(faults.nextRequest()).as("reads and creates behave").isEmpty();
        assertThat(faults.nextConditionalUpdate()).isTrue();
        assertThat(faults.nextRequest()).isEmpty();
        assertThat(faults.nextConditionalUpdate()).isTrue();
        assertThat(faults.nextConditionalUpdate()).isFalse();
        faults.set(new Fault(Fault.Mode.ERROR, null, 1, null, null));
        assertThat(faults.nextConditionalUpdate()).as("another fault is not an edit").isFalse();
        assertThat(faults.nextRequest()).isPresent();
    }
}
