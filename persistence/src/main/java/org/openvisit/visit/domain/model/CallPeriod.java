package org.openvisit.visit.domain.model;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When the call of a visit really took place, read from its events: it started at the first moment a clinician
 * (provider or staff) and the patient were connected at the same time, and it ended when the last person left
 * the call (everyone disconnected, left or was removed), or when the visit ended with someone still in it. Not
 * the booked slot, not the first connection of a clinician waiting alone. A visit whose clinician and patient were
 * never connected together has no call.
 *
 * @param start when the call started, or {@code null}: not (yet) started
 * @param end   when it ended, or {@code null}: not ended as of the event it was read at
 */
public record CallPeriod(Instant start, Instant end) {

    public static final CallPeriod NONE = new CallPeriod(null, null);

    public CallPeriod {
        if (start == null && end != null) {
            throw new IllegalArgumentException("A call cannot end without having started.");
        }
    }

    /**
     * The call as it stood right after the visit's event number {@code sequence}: its start if it had started;
     * its end only when that event is the visit's end.
     *
     * @param events the visit's events in their order (later ones are ignored)
     */
    public static CallPeriod asOf(List<VisitEvent> events, long sequence) {
        Set<String> connected = new HashSet<>();
        Instant start = null;
        Instant lastLeft = null;
        for (VisitEvent e : events) {
            if (e.sequence() > sequence) {
                break;
            }
            String who = e.attendeeRole().map(Enum::name).orElse("") + "/" + e.attendeeId().orElse("");
            switch (e.type()) {
                case CONNECTED -> {
                    connected.add(who);
                    lastLeft = null;
                }
                case DISCONNECTED, LEFT, REMOVED -> {
                    if (connected.remove(who) && connected.isEmpty() && start != null) {
                        lastLeft = e.occurredAt();
                    }
                }
                case VISIT_ENDED -> {
                    if (e.sequence() == sequence && start != null) {
                        return new CallPeriod(start, lastLeft != null ? lastLeft : e.occurredAt());
                    }
                }
                default -> {
                    // lobby, admission and device tests do not change who is in the call
                }
            }
            if (start == null && bothSides(connected)) {
                start = e.occurredAt();
            }
        }
        return new CallPeriod(start, null);
    }

    private static boolean bothSides(Set<String> connected) {
        boolean clinician = connected.stream().anyMatch(w -> w.startsWith(AttendeeRole.PROVIDER.name() + "/")
                || w.startsWith(AttendeeRole.STAFF.name() + "/"));
        boolean patient = connected.stream().anyMatch(w -> w.startsWith(AttendeeRole.PATIENT.name() + "/"));
        return clinician && patient;
    }

    public boolean started() {
        return start != null;
    }

    public Optional<Instant> ended() {
        return Optional.ofNullable(end);
    }
}
