package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that waits for its number's slot keeps it: the send job's rounds (every 2 s, a slot at most 200 ms ahead
 * waited for, a later one deferred), played out on the domain objects alone.
 */
class KeptSlotTest {

    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");
    private static final String FROM = "+12025550100";
    private static final Duration ROUND = Duration.ofSeconds(2);
    private static final Duration MAX_WAIT = Duration.ofMillis(200);

    /** Sends due messages as the send job does; answers when each went (in the order they went). */
    private static List<Instant> drain(List<SmsSend> sends, double rate, NumberPace.Row[] paceRow, Duration horizon) {
        List<Instant> sentAt = new ArrayList<>();
        for (Instant round = NOW; round.isBefore(NOW.plus(horizon)); round = round.plus(ROUND)) {
            NumberPace pace = new NumberPace(paceRow[0] == null ? List.of() : List.of(paceRow[0]), rate,
                    Duration.ofSeconds(2), Duration.ofMinutes(5));
            Instant now = round;
            Instant clock = round;
            for (SmsSend send : sends.stream().filter(s -> s.status() == SendStatus.PENDING)
                    .filter(s -> !s.dueAt().isAfter(now)).sorted(Comparator.comparing(SmsSend::dueAt)).toList()) {
                Instant slot = pace.slotFor(send, FROM, clock);
                if (Duration.between(clock, slot).compareTo(MAX_WAIT) > 0) {
                    send.deferTo(slot);
                } else {
                    clock = slot.isAfter(clock) ? slot : clock; // waited for it
                    send.sent(clock);
                    sentAt.add(clock);
                }
            }
            paceRow[0] = pace.rows().iterator().next();
        }
        return sentAt;
    }

    private static List<SmsSend> due(int count) {
        SmsAppointment a = SmsAppointmentTest.booked(NOW.plus(Duration.ofHours(3)));
        List<SmsSend> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(new SmsSend(a, SendKind.REMINDER, i, NOW));
        }
        return sends;
    }

    @Test
    void fortyMessagesDueAtOnceFromANumberOfTwoASecondAllGoWithinTwentyTwoSecondsAtTheRate() {
        List<SmsSend> sends = due(40);
        List<Instant> sent = drain(sends, 2, new NumberPace.Row[1], Duration.ofMinutes(5));
        assertThat(sent).hasSize(40);
        assertThat(sends).allMatch(s -> s.status() == SendStatus.SENT);
        assertThat(Duration.between(NOW, sent.get(sent.size() - 1))).isLessThanOrEqualTo(Duration.ofSeconds(22));
        // never ahead of the pace: the n-th message not before the n-th slot (slots the send job's round found
        // already past go together when it comes, so the rate holds over any stretch of time plus one round)
        List<Instant> inOrder = sent.stream().sorted().toList();
        for (int i = 0; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i)).as("message %d", i).isAfterOrEqualTo(NOW.plusMillis(500L * i));
        }
    }

    @Test
    void aLongCodeSendsAThousandRemindersDueAtOnceInAboutAThousandSeconds() {
        List<SmsSend> sends = due(1000);
        List<Instant> sent = drain(sends, 1, new NumberPace.Row[1], Duration.ofHours(1));
        assertThat(sent).hasSize(1000);
        assertThat(Duration.between(NOW, sent.get(sent.size() - 1))).isBetween(Duration.ofSeconds(999),
                Duration.ofSeconds(1002));
    }

    @Test
    void aMessageBackingOffCarrierFaultsTakesANewSlotAndAMovedOneLosesItsSlot() {
        List<SmsSend> sends = due(2);
        NumberPace pace = new NumberPace(List.of(), 1, Duration.ofSeconds(2), Duration.ofMinutes(5));
        pace.take(FROM, NOW);
        SmsSend waiting = sends.get(1);
        waiting.deferTo(pace.take(FROM, NOW));
        assertThat(waiting.keptSlot()).contains(NOW.plusSeconds(1));
        // the carrier failed meanwhile: the number's back-off, not the kept slot
        Instant again = pace.failed(FROM, NOW.plusSeconds(1), null);
        assertThat(pace.slotFor(waiting, FROM, NOW.plusSeconds(1))).isEqualTo(again);
        waiting.giveUpSlot();
        assertThat(waiting.keptSlot()).isEmpty();
        // an appointment moved: the reminder follows it and takes a slot when it comes due again
        SmsSend other = sends.get(0);
        other.deferTo(NOW.plusSeconds(5));
        other.retime(NOW.plusSeconds(600), NOW);
        assertThat(other.keptSlot()).isEmpty();
    }
}
