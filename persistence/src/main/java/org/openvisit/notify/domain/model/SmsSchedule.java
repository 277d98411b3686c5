package org.openvisit.notify.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an appointment's change means for its send schedule, given the endpoint's settings: which sends to add,
 * and what happens to the pending ones. Booked: a confirmation now and each reminder not already past (a late
 * booking skips those); moved: an update now and pending reminders re-timed (or cancelled when past), reminders
 * that were past before and are ahead now added; cancelled: pending ones cancelled and a cancellation notice now;
 * deleted or no-show: pending ones cancelled. An appointment that has begun gets nothing new.
 */
public final class SmsSchedule {

    private SmsSchedule() {
    }

    /**
     * Applies {@code outcome} to {@code pending} (changed in place) and answers the sends to add (the repository
     * adds each only if its (appointment, kind, slot) is not there yet).
     */
    public static List<SmsSend> plan(SmsAppointment appointment, AppointmentOutcome outcome, boolean confirmation,
                                     Set<Integer> reminderMinutes, List<SmsSend> pending, Instant now) {
        List<SmsSend> add = new ArrayList<>();
        boolean ahead = appointment.startsAt().isAfter(now);
        switch (outcome) {
            case BOOKED -> {
                if (ahead && confirmation) {
                    add.add(new SmsSend(appointment, SendKind.CONFIRMATION, 0, now));
                }
                add.addAll(reminders(appointment, reminderMinutes, now));
            }
            case MOVED -> {
                for (SmsSend send : pending) {
                    if (send.status() == SendStatus.PENDING && send.kind() == SendKind.REMINDER) {
                        send.retime(reminderDue(appointment, send.slot()), now);
                    }
                }
                if (ahead && confirmation) {
                    add.add(new SmsSend(appointment, SendKind.UPDATE, appointment.lastSequence(), now));
                }
                add.addAll(reminders(appointment, reminderMinutes, now));
            }
            case CANCELLED -> {
                cancelPending(pending, "The appointment was cancelled.", now);
                if (ahead && confirmation) {
                    add.add(new SmsSend(appointment, SendKind.CANCELLATION, 0, now));
                }
            }
            case ENDED -> cancelPending(pending, "The appointment was deleted or the patient did not come.", now);
            case UPDATED -> {
                // nothing the patient needs to hear
            }
            default -> throw new IllegalStateException(outcome.name());
        }
        return add;
    }

    private static List<SmsSend> reminders(SmsAppointment appointment, Set<Integer> minutes, Instant now) {
        List<SmsSend> add = new ArrayList<>();
        for (int m : minutes) {
            Instant due = reminderDue(appointment, m);
            if (!due.isBefore(now)) {
                add.add(new SmsSend(appointment, SendKind.REMINDER, m, due));
            }
        }
        return add;
    }

    private static Instant reminderDue(SmsAppointment appointment, int minutes) {
        return appointment.startsAt().minus(Duration.ofMinutes(minutes));
    }

    private static void cancelPending(List<SmsSend> pending, String why, Instant now) {
        for (SmsSend send : pending) {
            if (send.status() == SendStatus.PENDING) {
                send.cancel(why, now);
            }
        }
    }
}
