package org.openvisit.region.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The move's state machine: its one way forward, FAILED only before the switch, its history and its lease. */
class RegionMoveTest {

    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
    private static final UUID ORG = UUID.randomUUID();
    private static final List<TableCheck> SAME = List.of(new TableCheck("visit", 3, "ab", 3, "ab"),
            new TableCheck("visit_event", 7, "cd", 7, "cd"));

    private static RegionMove requested() {
        return RegionMove.request(ORG, DataRegion.AMERICAS, DataRegion.EMEA, "operator", T0);
    }

    @Test
    void goesRequestedCopyingVerifiedSwitchedCleanedWithAStepEach() {
        RegionMove move = requested();
        assertThat(move.state()).isEqualTo(RegionMoveState.REQUESTED);
        move.startCopying("node-a", T0.plusSeconds(1));
        move.startCopying("node-b", T0.plusSeconds(2)); // resumed after a crash: stays COPYING, no new step
        assertThat(move.verify(SAME, "node-b", T0.plusSeconds(3))).isTrue();
        move.switched("node-b", T0.plusSeconds(4));
        move.cleaned("node-b", T0.plusSeconds(5), 10);

        assertThat(move.state()).isEqualTo(RegionMoveState.CLEANED);
        assertThat(move.history()).extracting(RegionMoveStep::to).containsExactly(RegionMoveState.REQUESTED,
                RegionMoveState.COPYING, RegionMoveState.VERIFIED, RegionMoveState.SWITCHED, RegionMoveState.CLEANED);
        assertThat(move.history()).extracting(RegionMoveStep::sequence).containsExactly(1, 2, 3, 4, 5);
        assertThat(move.history().get(2).detail()).isEqualTo("2 tables, 10 rows: counts and checksums match.");
        assertThat(move.history().get(0).actor()).isEqualTo("operator");
        assertThat(move.checks()).hasSize(2);
        assertThat(move.take("node-c", T0.plusSeconds(6), Duration.ofMinutes(1))).as("finished").isFalse();
    }

    @Test
    void aCopyThatDiffersFailsNamingTheTables() {
        RegionMove move = requested();
        move.startCopying("node-a", T0);
        boolean matched = move.verify(List.of(new TableCheck("visit", 3, "ab", 2, "cd"),
                new TableCheck("visit_event", 7, "cd", 7, "ce"), new TableCheck("launch_audit", 1, "x", 1, "x")),
                "node-a", T0);
        assertThat(matched).isFalse();
        assertThat(move.state()).isEqualTo(RegionMoveState.FAILED);
        assertThat(move.reason()).hasValue("The copy differs from the original: visit (3 rows in AMERICAS, 2 in EMEA),"
                + " visit_event (7 rows in AMERICAS, 7 in EMEA, checksums differ).");
    }

    @Test
    void refusesStepsOutOfOrderAndFailingAfterTheSwitch() {
        RegionMove move = requested();
        assertThatThrownBy(() -> move.switched("n", T0)).isInstanceOf(IllegalMoveTransitionException.class)
                .hasMessage("A region move cannot go from REQUESTED to SWITCHED.");
        assertThatThrownBy(() -> move.verify(SAME, "n", T0)).isInstanceOf(IllegalMoveTransitionException.class);
        move.startCopying("n", T0);
        assertThatThrownBy(() -> move.cleaned("n", T0, 0)).isInstanceOf(IllegalMoveTransitionException.class);
        move.verify(SAME, "n", T0);
        move.switched("n", T0);
        assertThatThrownBy(() -> move.fail("too late", "n", T0)).isInstanceOf(IllegalMoveTransitionException.class)
                .isInstanceOf(ConflictException.class);
        assertThat(move.state()).isEqualTo(RegionMoveState.SWITCHED);
    }

    @Test
    void aFailedMoveIsFinishedWithItsReason() {
        RegionMove move = requested();
        move.fail("The organization has 2 visits going on.", "node-a", T0);
        assertThat(move.state().isFinished()).isTrue();
        assertThat(move.reason()).hasValue("The organization has 2 visits going on.");
        assertThatThrownBy(() -> move.startCopying("n", T0)).isInstanceOf(IllegalMoveTransitionException.class);
    }

    @Test
    void aMoveToItsOwnRegionIsRefused() {
        assertThatThrownBy(() -> RegionMove.request(ORG, DataRegion.EMEA, DataRegion.EMEA, "operator", T0))
                .isInstanceOf(ConflictException.class).hasMessageContaining("EMEA region already");
    }

    @Test
    void oneNodeHoldsTheLeaseUntilItRunsOut() {
        RegionMove move = requested();
        assertThat(move.take("node-a", T0, Duration.ofSeconds(60))).isTrue();
        assertThat(move.take("node-b", T0.plusSeconds(30), Duration.ofSeconds(60))).isFalse();
        assertThat(move.take("node-a", T0.plusSeconds(30), Duration.ofSeconds(60))).isTrue(); // renewed
        assertThat(move.take("node-b", T0.plusSeconds(89), Duration.ofSeconds(60))).isFalse();
        assertThat(move.take("node-b", T0.plusSeconds(91), Duration.ofSeconds(60))).as("node-a crashed").isTrue();
        assertThat(move.worker()).hasValue("node-b");
    }

    @Test
    void everyStateSaysWhatMayFollowIt() {
        for (RegionMoveState state : RegionMoveState.values()) {
            for (RegionMoveState next : RegionMoveState.values()) {
                boolean expected = switch (state) {
                    case REQUESTED -> next == RegionMoveState.COPYING || next == RegionMoveState.FAILED;
                    case COPYING -> next == RegionMoveState.VERIFIED || next == RegionMoveState.FAILED;
                    case VERIFIED -> next == RegionMoveState.SWITCHED || next == RegionMoveState.FAILED;
                    case SWITCHED -> next == RegionMoveState.CLEANED;
                    case CLEANED, FAILED -> false;
                };
                assertThat(state.canGoTo(next)).as(state + " -> " + next).isEqualTo(expected);
            }
        }
    }

    @Test
    void anOperatorResumesAMoveWhoseNodeIsGoneAndThatNodesNextStepIsRefused() {
        RegionMove move = requested();
        assertThat(move.take("node-a", T0, Duration.ofMinutes(10))).isTrue();
        move.startCopying("node-a", T0.plusSeconds(1));
        // node-a was killed in the middle of the copy: its lease would keep every other node out for ten minutes
        assertThat(move.take("node-b", T0.plusSeconds(30), Duration.ofMinutes(10))).isFalse();

        move.resume("operator", T0.plusSeconds(40));
        assertThat(move.state()).isEqualTo(RegionMoveState.COPYING);
        assertThat(move.worker()).isEmpty();
        assertThat(move.leaseUntil()).isEmpty();
        RegionMoveStep resumed = move.history().get(move.history().size() - 1);
        assertThat(resumed.from()).isEqualTo(RegionMoveState.COPYING);
        assertThat(resumed.to()).isEqualTo(RegionMoveState.COPYING);
        assertThat(resumed.actor()).isEqualTo("operator");
        assertThat(resumed.detail()).contains("node-a").contains("released");

        assertThat(move.take("node-b", T0.plusSeconds(45), Duration.ofMinutes(10))).isTrue();
        move.requireWorker("node-b");
        assertThatThrownBy(() -> move.requireWorker("node-a")).as("the old node, were it alive")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer holds");

        assertThat(move.verify(SAME, "node-b", T0.plusSeconds(50))).isTrue();
        move.switched("node-b", T0.plusSeconds(51));
        move.cleaned("node-b", T0.plusSeconds(52), 10);
        assertThatThrownBy(() -> move.resume("operator", T0.plusSeconds(60))).as("finished")
                .isInstanceOf(ConflictException.class);
    }
}
