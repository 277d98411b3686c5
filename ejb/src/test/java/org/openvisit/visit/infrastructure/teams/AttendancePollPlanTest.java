package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttendancePollPlanTest {

    private static final Instant MADE = Instant.parse("2026-12-05T10:00:00Z");
    private final AttendancePollPlan plan = new AttendancePollPlan(Duration.ofMinutes(2));

    @Test
    void anOpenVisitIsReadEveryIntervalUntilTheWatchIsTooOld() {
        assertThat(plan.first(MADE)).isEqualTo(MADE.plusSeconds(120));
        Instant now = MADE.plusSeconds(3600);
        assertThat(plan.afterSuccess(now, MADE, null)).contains(now.plusSeconds(120));
        assertThat(plan.afterSuccess(MADE.plus(AttendancePollPlan.MAX_WATCH), MADE, null)).isEmpty();
    }

    @Test
    void anEndedVisitIsReadAFewTimesAfterItsEndThenAtTheSlowerPaceUntilTheWatchIsTooOld() {
        Instant ended = MADE.plusSeconds(1800);
        assertThat(plan.afterSuccess(ended.plusSeconds(5), MADE, ended)).contains(ended.plusSeconds(60));
        assertThat(plan.afterSuccess(ended.plusSeconds(60), MADE, ended)).contains(ended.plusSeconds(120));
        assertThat(plan.afterSuccess(ended.plusSeconds(121), MADE, ended)).contains(ended.plusSeconds(240));
        assertThat(plan.afterSuccess(ended.plusSeconds(250), MADE, ended)).contains(ended.plusSeconds(480));
        // a later session of the meeting may still start the visit again
        assertThat(plan.afterSuccess(ended.plusSeconds(480), MADE, ended))
                .contains(ended.plusSeconds(480).plus(AttendancePollPlan.AFTER_END_PACE));
        Instant late = MADE.plus(AttendancePollPlan.MAX_WATCH).minusSeconds(1);
        assertThat(plan.afterSuccess(late, MADE, ended)).contains(late.plus(AttendancePollPlan.AFTER_END_PACE));
        assertThat(plan.afterSuccess(MADE.plus(AttendancePollPlan.MAX_WATCH), MADE, ended)).isEmpty();
    }

    @Test
    void aVisitEndedByItsMeetingLongAgoGoesStraightToTheSlowerPace() {
        Instant ended = MADE.plusSeconds(1800);
        Instant now = ended.plus(Duration.ofMinutes(15));
        assertThat(plan.afterSuccess(now, MADE, ended)).contains(now.plus(AttendancePollPlan.AFTER_END_PACE));
        assertThat(new AttendancePollPlan(Duration.ofMinutes(30)).afterSuccess(now, MADE, ended))
                .as("never faster than the open visit's interval").contains(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aVisitEndingJustBeforeTheWatchIsTooOldStillHasItsReadsAfterTheEnd() {
        Instant ended = MADE.plus(AttendancePollPlan.MAX_WATCH).minusSeconds(30);
        assertThat(plan.afterSuccess(ended.plusSeconds(60), MADE, ended)).contains(ended.plusSeconds(120));
        assertThat(plan.afterSuccess(ended.plusSeconds(480), MADE, ended)).isEmpty();
    }

    @Test
    void failuresBackOffDoublingUpToTheCapHonouringRetryAfterAndGiveUp() {
        Instant now = MADE.plusSeconds(600);
        assertThat(plan.afterFailure(now, MADE, null, 1, null)).contains(now.plusSeconds(120));
        assertThat(plan.afterFailure(now, MADE, null, 2, null)).contains(now.plusSeconds(240));
        assertThat(plan.afterFailure(now, MADE, null, 7, null)).contains(now.plus(AttendancePollPlan.MAX_BACKOFF));
        assertThat(plan.afterFailure(now, MADE, null, 1, Duration.ofMinutes(10))).contains(now.plusSeconds(600));
        assertThat(plan.afterFailure(now, MADE, null, AttendancePollPlan.MAX_FAILURES, null)).isEmpty();
        Instant ended = MADE.plusSeconds(60);
        assertThat(plan.afterFailure(ended.plus(AttendancePollPlan.MAX_BACKOFF), MADE, ended, 1, null))
                .as("an ended visit is still watched").isPresent();
        assertThat(plan.afterFailure(MADE.plus(AttendancePollPlan.MAX_WATCH), MADE, ended, 1, null)).isEmpty();
        Instant lateEnd = MADE.plus(AttendancePollPlan.MAX_WATCH).minusSeconds(60);
        assertThat(plan.afterFailure(lateEnd.plusSeconds(120), MADE, lateEnd, 1, null)).isPresent();
        assertThat(plan.afterFailure(lateEnd.plus(AttendancePollPlan.MAX_BACKOFF), MADE, lateEnd, 1, null)).isEmpty();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new AttendancePollPlan(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
