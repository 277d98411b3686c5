package org.openvisit.report.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a visit's events mean in figures. The definitions (also in the README):
 * <ul>
 *   <li><b>start</b>: the first moment a clinician (provider or staff) and a patient or guest were both in the call
 *       (connected and not yet disconnected, left or removed);</li>
 *   <li><b>end</b> and <b>duration</b>: from the start to the moment the last person left the call (the call became
 *       empty for the last time), or to the visit's end if people were still in the call then;</li>
 *   <li><b>lobby wait</b>: for the first patient or guest let in, from first joining the lobby to being admitted;</li>
 *   <li><b>time to admit</b>: for the same person, from the moment both they were in the lobby and a clinician was in
 *       the call to the admission (the lobby wait when no clinician was in the call yet);</li>
 *   <li><b>attendants at once</b>: the most people in the call at the same time;</li>
 *   <li><b>status</b>: completed when a start exists; a no-show when no patient or guest came (joined the lobby or
 *       connected) by the end of the booked slot plus the grace, or by the visit's end, whichever is earlier;
 *       ended without patient when the visit ended and a patient or guest came, but never into the call with a
 *       clinician; open otherwise.</li>
 * </ul>
 * Reconnects and reloads are counted once: a person is in the call or not (by their opaque attendee id), however
 * many times their page connects. Departures recorded after the visit's end change nothing: everyone left then.
 */
public record VisitFigures(Instant start, Instant end, Duration lobbyWait, Duration timeToAdmit,
                           int attendantsAtOnce, Instant patientCameAt, Instant visitEndedAt, ReportStatus status) {

    /**
     * The figures of a visit from its events in their order.
     *
     * @param booking the booked slot and no-show grace (use {@link Booking#unknown} without one)
     * @param now     the time the figures are taken (a no-show deadline must have passed)
     */
    public static VisitFigures of(List<EventFact> events, Booking booking, Instant now) {
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(now, "now");
        Map<String, AttendeeRole> inCall = new LinkedHashMap<>();
        Map<String, Instant> lobbyJoined = new HashMap<>();
        Instant start = null;
        Instant lastEmptied = null;
        Instant clinicianInCallSince = null;
        Instant patientCameAt = null;
        Instant visitEndedAt = null;
        Duration lobbyWait = null;
        Duration timeToAdmit = null;
        int most = 0;
        for (EventFact e : events) {
            if (visitEndedAt != null) {
                break; // only departures follow the end, and everyone left then
            }
            String who = e.attendeeId() != null ? e.attendeeId() : String.valueOf(e.role());
            switch (e.type()) {
                case LOBBY_JOINED -> {
                    lobbyJoined.putIfAbsent(who, e.at());
                    patientCameAt = e.byPatientOrGuest() ? earlier(patientCameAt, e.at()) : patientCameAt;
                }
                case ADMITTED -> {
                    if (e.byPatientOrGuest() && lobbyWait == null) {
                        Instant joined = lobbyJoined.getOrDefault(who, e.at());
                        lobbyWait = Duration.between(joined, e.at());
                        Instant both = clinicianInCallSince == null ? joined : later(joined, clinicianInCallSince);
                        timeToAdmit = Duration.between(both, e.at()).isNegative() ? Duration.ZERO
                                : Duration.between(both, e.at());
                    }
                }
                case CONNECTED -> {
                    if (e.role() != null) {
                        inCall.put(who, e.role());
                    }
                    if (e.byPatientOrGuest()) {
                        patientCameAt = earlier(patientCameAt, e.at());
                    }
                    if (e.byClinician() && clinicianInCallSince == null) {
                        clinicianInCallSince = e.at();
                    }
                    most = Math.max(most, inCall.size());
                    if (start == null && bothThere(inCall)) {
                        start = e.at();
                    }
                }
                case DISCONNECTED, LEFT, REMOVED -> {
                    if (inCall.remove(who) != null && inCall.isEmpty() && start != null) {
                        lastEmptied = e.at();
                    }
                }
                case VISIT_ENDED -> visitEndedAt = e.at();
                case VISIT_RESTARTED -> visitEndedAt = null; // open again: its end is the next VISIT_ENDED
                case DEVICE_TEST, SMS_SENT -> {
                    // says nothing about presence
                }
            }
        }
        Instant end = null;
        if (start != null) {
            if (!inCall.isEmpty()) {
                end = visitEndedAt; // still in the call when the visit ended (or still going: no end yet)
            } else {
                end = lastEmptied;
            }
        }
        ReportStatus status = status(start, patientCameAt, visitEndedAt, booking, now);
        return new VisitFigures(start, end, lobbyWait, timeToAdmit, most, patientCameAt, visitEndedAt, status);
    }

    private static ReportStatus status(Instant start, Instant patientCameAt, Instant visitEndedAt, Booking booking,
                                       Instant now) {
        if (start != null) {
            return ReportStatus.COMPLETED;
        }
        Instant deadline = booking.noShowDeadline().map(d -> visitEndedAt == null ? d : earlier(d, visitEndedAt))
                .orElse(visitEndedAt);
        if (deadline != null && !deadline.isAfter(now)
                && (patientCameAt == null || patientCameAt.isAfter(deadline))) {
            return ReportStatus.NO_SHOW;
        }
        return visitEndedAt != null ? ReportStatus.ENDED_WITHOUT_PATIENT : ReportStatus.OPEN;
    }

    private static boolean bothThere(Map<String, AttendeeRole> inCall) {
        return inCall.values().stream().anyMatch(AttendeeRole::isClinician)
                && inCall.values().stream().anyMatch(r -> r == AttendeeRole.PATIENT || r == AttendeeRole.GUEST);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    /** From the start to the end; empty while either is unknown. */
    public Optional<Duration> duration() {
        return start == null || end == null ? Optional.empty() : Optional.of(Duration.between(start, end));
    }

    /** Whether these figures can no longer change: the visit ended. */
    public boolean isFinal() {
        return visitEndedAt != null;
    }
}
