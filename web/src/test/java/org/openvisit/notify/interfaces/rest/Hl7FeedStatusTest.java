package org.openvisit.notify.interfaces.rest;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.application.FeedAnswer;
import org.openvisit.notify.application.FeedRefusal;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTPS feed's status per answer: an interface engine decides from it whether to send a message again. */
class Hl7FeedStatusTest {

    @Test
    void appliedDuplicateAndIgnoredMessagesAre200() {
        for (FeedAnswer.Result result : new FeedAnswer.Result[] {FeedAnswer.Result.ACCEPTED,
                FeedAnswer.Result.DUPLICATE, FeedAnswer.Result.IGNORED}) {
            assertThat(Hl7FeedResource.status(new FeedAnswer(result, null, "", "MSA|AA"))).as(result.name())
                    .isEqualTo(200);
        }
    }

    @Test
    void onlyAMessageThatCouldNotBeStoredJustThenIsAskedForAgain() {
        Map<FeedRefusal.Reason, Integer> expected = new EnumMap<>(FeedRefusal.Reason.class);
        expected.put(FeedRefusal.Reason.UNPARSEABLE, 400);
        expected.put(FeedRefusal.Reason.UNSUPPORTED, 400);
        expected.put(FeedRefusal.Reason.UNKNOWN_ENDPOINT, 404);
        expected.put(FeedRefusal.Reason.BAD_SIGNATURE, 401);
        expected.put(FeedRefusal.Reason.INCOMPLETE, 400);
        expected.put(FeedRefusal.Reason.TRY_AGAIN, 503);
        expected.put(FeedRefusal.Reason.NO_MOBILE, 400);
        expected.put(FeedRefusal.Reason.INVALID_NUMBER, 400);
        expected.put(FeedRefusal.Reason.NOT_APPLICABLE, 409);
        assertThat(expected.keySet()).as("every reason has an expected status").containsExactlyInAnyOrder(
                FeedRefusal.Reason.values());
        expected.forEach((reason, status) -> assertThat(Hl7FeedResource.status(
                new FeedAnswer(FeedAnswer.Result.REFUSED, reason, "", "MSA|AE"))).as(reason.name()).isEqualTo(status));
    }
}
