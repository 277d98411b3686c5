package org.openvisit.region.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecentRegionMovesTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RecentRegionMoves recent = new RecentRegionMoves(now::get);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Set<UUID> stored = Set.of();

    RecentRegionMovesTest() {
        recent.settle = Duration.ofSeconds(10);
    }

    private Set<UUID> paused() {
        return recent.pausedOrganizations(() -> {
            reads.incrementAndGet();
            return stored;
        });
    }

    @Test
    void aReadIsKeptForAFifthOfTheSettleTime() {
        assertThat(paused()).isEmpty();
        UUID moving = UUID.randomUUID();
        stored = Set.of(moving);
        now.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertThat(paused()).as("still the first read").isEmpty();
        assertThat(reads).hasValue(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(paused()).containsExactly(moving);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aMoveRequestedJustAfterARead_isSeenLongBeforeTheCopyStarts() {
        paused();
        UUID moving = UUID.randomUUID();
        stored = Set.of(moving);
        Duration requestToCopy = Duration.ofSeconds(10);
        now.addAndGet(requestToCopy.toNanos() / 2);
        assertThat(paused()).containsExactly(moving);
    }

    @Test
    void aShorterSettleKeepsReadsForLess() {
        recent.settle = Duration.ofSeconds(1);
        paused();
        stored = Set.of(UUID.randomUUID());
        now.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(paused()).hasSize(1);
        assertThat(reads).hasValue(2);
    }

    @Test
    void theAnswerCannotBeChangedByItsReader() {
        stored = new java.util.HashSet<>(Set.of(UUID.randomUUID()));
        Set<UUID> answer = paused();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> answer.add(UUID.randomUUID()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
