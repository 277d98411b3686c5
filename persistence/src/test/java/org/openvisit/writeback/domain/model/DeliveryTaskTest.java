package org.openvisit.writeback.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTaskTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static DeliveryTask task() {
        return DeliveryTask.forEvent(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1,
                VisitEventType.CONNECTED, AttendeeRole.PROVIDER, T0, "sealed", T0);
    }

    @Test
    void aNewTaskIsPendingAndDueAtOnce() {
        DeliveryTask t = task();
        assertThat(t.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(t.isClaimable(T0)).isTrue();
        assertThat(t.isClaimable(T0.minusSeconds(1))).isFalse();
        assertThat(t.attempts()).isZero();
    }

    @Test
    void claimDeliverClearsTheReferencesAndTheLease() {
        DeliveryTask t = task();
        t.claim("node-a", T0, LEASE);
        assertThat(t.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(t.claimedBy()).contains("node-a");
        assertThat(t.claimUntil()).contains(T0.plus(LEASE));
        DeliveryAttempt a = t.delivered("node-a", T0, T0.plusMillis(120));
        assertThat(t.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(t.sealedEhrContext()).isEmpty();
        assertThat(t.claimedBy()).isEmpty();
        assertThat(t.attempts()).isEqualTo(1);
        assertThat(a.outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(a.durationMillis()).isEqualTo(120);
        assertThatThrownBy(() -> t.claim("node-b", T0.plusSeconds(999), LEASE))
                .isInstanceOf(IllegalDeliveryTransitionException.class);
        assertThatThrownBy(() -> t.discard("admin", T0)).isInstanceOf(IllegalDeliveryTransitionException.class);
    }

    @Test
    void anotherNodeTakesOverOnlyOnceTheLeaseRanOutAndTheOldHolderCanNoLongerMarkIt() {
        DeliveryTask t = task();
        t.claim("node-a", T0, LEASE);
        assertThatThrownBy(() -> t.claim("node-b", T0.plusSeconds(29), LEASE))
                .isInstanceOf(IllegalDeliveryTransitionException.class)
                .hasMessageContaining("node-a");
        t.claim("node-b", T0.plusSeconds(30), LEASE);
        assertThat(t.claimedBy()).contains("node-b");
        assertThatThrownBy(() -> t.delivered("node-a", T0, T0.plusSeconds(31)))
                .isInstanceOf(IllegalDeliveryTransitionException.class);
        t.delivered("node-b", T0.plusSeconds(30), T0.plusSeconds(31));
        assertThat(t.status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aPassingFailureWaitsForItsNextTryAndKeepsThePlainWordsError() {
        DeliveryTask t = task();
        t.claim("n", T0, LEASE);
        DeliveryAttempt a = t.retryLater("n", T0, T0.plusSeconds(1), "The EHR answered 503\n(down).", T0.plusSeconds(9));
        assertThat(t.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(t.lastError()).contains("The EHR answered 503 (down).");
        assertThat(a.outcome()).isEqualTo(AttemptOutcome.RETRY);
        assertThat(t.isClaimable(T0.plusSeconds(8))).isFalse();
        assertThat(t.isClaimable(T0.plusSeconds(9))).isTrue();
        t.claim("n", T0.plusSeconds(9), LEASE);
        assertThat(t.attempts()).isEqualTo(1);
    }

    @Test
    void aReleaseDoesNotCountAsAnAttempt() {
        DeliveryTask t = task();
        t.claim("n", T0, LEASE);
        t.release("n", T0.plusSeconds(5));
        assertThat(t.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(t.attempts()).isZero();
        assertThat(t.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aDeadLetterIsRetriedOrDiscardedFromThePortalOnly() {
        DeliveryTask t = task();
        t.claim("n", T0, LEASE);
        t.fail("n", T0, T0, "The EHR has no such encounter (404).");
        assertThat(t.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(t.isClaimable(T0.plusSeconds(3600))).isFalse();
        assertThatThrownBy(() -> t.claim("n", T0.plusSeconds(1), LEASE))
                .isInstanceOf(IllegalDeliveryTransitionException.class);

        DeliveryAttempt requeued = t.requeue("ada.admin", T0.plusSeconds(60));
        assertThat(requeued.outcome()).isEqualTo(AttemptOutcome.REQUEUED);
        assertThat(requeued.actor()).isEqualTo("ada.admin");
        assertThat(t.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(t.attempts()).isZero();
        assertThat(t.isClaimable(T0.plusSeconds(60))).isTrue();

        t.claim("n", T0.plusSeconds(60), LEASE);
        t.fail("n", T0, T0.plusSeconds(61), "again");
        t.discard("ada.admin", T0.plusSeconds(62));
        assertThat(t.status()).isEqualTo(DeliveryStatus.DISCARDED);
        assertThat(t.sealedEhrContext()).isEmpty();
        assertThatThrownBy(() -> t.requeue("ada.admin", T0)).isInstanceOf(IllegalDeliveryTransitionException.class);
    }

    @Test
    void onlyTheHolderMarksAnInFlightTaskAndNothingElseIsMarked() {
        DeliveryTask t = task();
        assertThatThrownBy(() -> t.delivered("n", T0, T0)).isInstanceOf(IllegalDeliveryTransitionException.class);
        assertThatThrownBy(() -> t.retryLater("n", T0, T0, "x", T0)).isInstanceOf(IllegalDeliveryTransitionException.class);
        assertThatThrownBy(() -> t.requeue("admin", T0)).isInstanceOf(IllegalDeliveryTransitionException.class);
        assertThat(DeliveryStatus.DELIVERED.canMoveTo(DeliveryStatus.PENDING)).isFalse();
        assertThat(DeliveryStatus.RETRYING.canMoveTo(DeliveryStatus.DELIVERED)).isFalse();
    }

    @Test
    void errorsAreShortAndOneLine() {
        DeliveryTask t = task();
        t.claim("n", T0, LEASE);
        t.fail("n", T0, T0, "x".repeat(2000));
        assertThat(t.lastError().orElseThrow()).hasSize(DeliveryTask.MAX_ERROR_LENGTH);
    }

    private static DeliveryTask after(DeliveryTask previous) {
        return DeliveryTask.forEvent(UUID.randomUUID(), previous.visitId(), previous.endpointId(),
                previous.organizationId(), previous.sequence() + 1, VisitEventType.DISCONNECTED, AttendeeRole.PATIENT,
                T0, "sealed", T0);
    }

    @Test
    void aTaskBehindAnUndoneEventIsHeldBackUntilThatOneIsDoneAndNeverClaimedMeanwhile() {
        DeliveryTask first = task();
        DeliveryTask second = after(first);
        second.queueBehind(first);
        assertThat(second.isHeldBack()).isTrue();
        assertThat(second.isClaimable(T0.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> second.claim("node-a", T0, LEASE)).isInstanceOf(IllegalDeliveryTransitionException.class);
        assertThatThrownBy(() -> second.letThrough(first)).isInstanceOf(IllegalDeliveryTransitionException.class);

        first.claim("node-a", T0, LEASE);
        first.delivered("node-a", T0, T0);
        assertThat(second.letThrough(first)).isTrue();
        assertThat(second.isHeldBack()).isFalse();
        assertThat(second.isClaimable(T0)).isTrue();
        assertThat(second.letThrough(first)).isFalse(); // once only

        DeliveryTask third = after(second);
        third.queueBehind(second); // second is pending: undone
        assertThat(third.isHeldBack()).isTrue();
    }

    @Test
    void aTaskBehindADoneEventIsNotHeldBackAndOnlyTheVisitsPreviousEventCounts() {
        DeliveryTask first = task();
        first.claim("node-a", T0, LEASE);
        first.fail("node-a", T0, T0, "The EHR refused it (400).");
        first.discard("ada.admin", T0);
        DeliveryTask second = after(first);
        second.queueBehind(first);
        assertThat(second.isHeldBack()).isFalse();

        assertThatThrownBy(() -> after(second).queueBehind(first)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task().queueBehind(first)).isInstanceOf(IllegalArgumentException.class);
    }
}
