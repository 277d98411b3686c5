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
    void anEndedVisitIsReadAFewTimesAfterItsEndThenNeverAgain() {
        Instant ended = MADE.plusSeconds(1800);
        assertThat(plan.afterSuccess(ended.plusSeconds(5), MADE, ended)).contains(ended.plusSeconds(60));
        assertThat(plan.afterSuccess(ended.plusSeconds(60), MADE, ended)).contains(ended.plusSeconds(120));
        assertThat(plan.afterSuccess(ended.plusSeconds(121), MADE, ended)).contains(ended.plusSeconds(240));
        assertThat(plan.afterSuccess(ended.plusSeconds(250), MADE, ended)).contains(ended.plusSeconds(480));
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
        assertThat(plan.afterFailure(ended.plus(AttendancePollPlan.MAX_BACKOFF), MADE, ended, 1, null)).isEmpty();
        assertThat(plan.afterFailure(ended.plusSeconds(60), MADE, ended, 1, null)).isPresent();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new AttendancePollPlan(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
