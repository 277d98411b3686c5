package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsFhirFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private static SmsFhirFeed polled() {
        SmsFhirFeed feed = new SmsFhirFeed(UUID.randomUUID(), UUID.randomUUID(), "admin", T0);
        feed.choose(FeedSource.FHIR_POLLING, 5, 14, "admin", T0);
        return feed;
    }

    @Test
    void anHl7v2FeedIsNeverDueAndSwitchingToFhirMakesAPollDueAtOnce() {
        SmsFhirFeed feed = new SmsFhirFeed(UUID.randomUUID(), UUID.randomUUID(), "admin", T0);
        assertThat(feed.due(T0.plusSeconds(3600))).isFalse();
        assertThat(feed.claim("r", T0.plusSeconds(3600), LEASE)).isFalse();
        feed.choose(FeedSource.FHIR_POLLING, null, null, "admin", T0.plusSeconds(3600));
        assertThat(feed.due(T0.plusSeconds(3600))).isTrue();
        assertThat(feed.intervalMinutes()).isEqualTo(5);
        assertThat(feed.horizonDays()).isEqualTo(14);
    }

    @Test
    void outOfRangeSettingsAreRefusedAndChangeNothing() {
        SmsFhirFeed feed = polled();
        assertThatThrownBy(() -> feed.choose(FeedSource.FHIR_POLLING, 1441, 14, "a", T0))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> feed.choose(FeedSource.FHIR_POLLING, 5, 0, "a", T0))
                .isInstanceOf(InvalidValueException.class);
        assertThat(feed.intervalMinutes()).isEqualTo(5);
        assertThat(feed.horizonDays()).isEqualTo(14);
    }

    @Test
    void onlyTheRunHoldingTheLeaseReportsAndSwitchingAwayEndsTheRun() {
        SmsFhirFeed feed = polled();
        assertThat(feed.claim("run-1", T0, LEASE)).isTrue();
        assertThat(feed.claim("run-2", T0.plusSeconds(1), LEASE)).isFalse();
        assertThat(feed.pageStored("run-2", T0, 1, Map.of(), T0.plusSeconds(1), LEASE)).isFalse();
        assertThat(feed.pageStored("run-1", T0.minusSeconds(5), 1, Map.of("NO_MOBILE", 2), T0.plusSeconds(1), LEASE))
                .isTrue();
        // the lease was renewed by the page: still held after the first lease would have run out
        assertThat(feed.heldBy("run-1", T0.plus(LEASE).plusSeconds(0))).isTrue();
        feed.choose(FeedSource.HL7V2, null, null, "admin", T0.plusSeconds(2));
        assertThat(feed.finished("run-1", false, T0.plusSeconds(3))).isFalse();
        assertThat(feed.cursor()).isEmpty();
    }

    @Test
    void theCursorNeverGoesBackAndAFullLookIsDueDaily() {
        SmsFhirFeed feed = polled();
        assertThat(feed.fullSyncDue(T0, Duration.ofHours(24))).isTrue();
        feed.claim("run-1", T0, LEASE);
        feed.pageStored("run-1", T0.minusSeconds(10), 0, Map.of(), T0, LEASE);
        feed.finished("run-1", true, T0);
        assertThat(feed.cursor()).contains(T0.minusSeconds(10));
        assertThat(feed.fullSyncDue(T0.plus(Duration.ofHours(23)), Duration.ofHours(24))).isFalse();
        assertThat(feed.fullSyncDue(T0.plus(Duration.ofHours(24)), Duration.ofHours(24))).isTrue();

        Instant later = T0.plus(Duration.ofMinutes(5));
        feed.claim("run-2", later, LEASE);
        feed.pageStored("run-2", T0.minusSeconds(60), 0, Map.of(), later, LEASE); // an older change read again
        feed.finished("run-2", false, later);
        assertThat(feed.cursor()).contains(T0.minusSeconds(10));
        assertThat(feed.lastSkipReasons()).isEmpty();
    }

    @Test
    void aFailureKeepsItsReasonShortAndTheNextTryWaits() {
        SmsFhirFeed feed = polled();
        feed.claim("run-1", T0, LEASE);
        feed.failed("run-1", FhirFeedFailure.UNAVAILABLE, "x".repeat(2000), T0, T0.plusSeconds(90));
        assertThat(feed.failureReason().orElseThrow()).hasSize(500).endsWith("…");
        assertThat(feed.due(T0.plusSeconds(89))).isFalse();
        assertThat(feed.due(T0.plusSeconds(90))).isTrue();
        feed.claim("run-2", T0.plusSeconds(90), LEASE);
        feed.finished("run-2", false, T0.plusSeconds(91));
        assertThat(feed.failures()).isZero();
        assertThat(feed.failureKind()).isEmpty();
    }
}
