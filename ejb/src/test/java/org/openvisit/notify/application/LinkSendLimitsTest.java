package org.openvisit.notify.application;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What stops a link by SMS from the visit page: STOP first, then the visit's limit, then the minute's. */
class LinkSendLimitsTest {

    private static final SmsSendWork.LinkLimits LIMITS = new SmsSendWork.LinkLimits(5, 2);

    private static Optional<LinkSendResult.Outcome> outcome(boolean optedOut, int sent, int lastMinute) {
        return SmsSendWork.refusal(optedOut, sent, lastMinute, LIMITS).map(LinkSendResult::outcome);
    }

    @Test
    void withinTheLimitsNothingStopsIt() {
        assertThat(outcome(false, 0, 0)).isEmpty();
        assertThat(outcome(false, 4, 1)).isEmpty();
    }

    @Test
    void theFifthIsTheLastOfTheVisitAndTheThirdInAMinuteWaits() {
        assertThat(outcome(false, 5, 0)).contains(LinkSendResult.Outcome.TOO_MANY);
        assertThat(SmsSendWork.refusal(false, 5, 0, LIMITS).orElseThrow().limit()).isEqualTo(5);
        assertThat(outcome(false, 3, 2)).contains(LinkSendResult.Outcome.TOO_FAST);
        assertThat(outcome(false, 5, 2)).contains(LinkSendResult.Outcome.TOO_MANY);
    }

    @Test
    void anOptedOutNumberIsSaidSoWhateverTheCounts() {
        assertThat(outcome(true, 0, 0)).contains(LinkSendResult.Outcome.OPTED_OUT);
        assertThat(outcome(true, 5, 2)).contains(LinkSendResult.Outcome.OPTED_OUT);
    }
}
