package org.openvisit.room.interfaces.web;

import jakarta.servlet.http.HttpSession;
import org.openvisit.launch.interfaces.web.BrowserLaunchState;
import org.openvisit.room.application.RoomPass;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What a browser's HTTP session may do in which visit. A join link grants a patient or guest pass; a SMART launch
 * puts the visit in the session's {@link BrowserLaunchState} and the pass follows from it: the patient's launch gives
 * a patient pass, a clinician's a clinician pass. The pass keeps one opaque attendee id per session and visit, so a
 * reload is the same attendee (no re-admission).
 */
public final class RoomAccess {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomAccess() {
    }

    /** The session's pass for the visit, if it has one (made now from a SMART launch when needed). */
    public static Optional<RoomPass> pass(HttpSession session, UUID visitId) {
        if (session == null || visitId == null) {
            return Optional.empty();
        }
        Optional<BrowserLaunchState> found = BrowserLaunchState.find(session);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BrowserLaunchState state = found.get();
        Optional<RoomPass> pass = state.pass(visitId);
        if (pass.isEmpty() && state.hasLaunched(visitId)) {
            AttendeeRole role = state.launchedAsPatient(visitId) ? AttendeeRole.PATIENT : AttendeeRole.PROVIDER;
            pass = Optional.of(state.passOrKeep(visitId, () -> new RoomPass(visitId, newAttendeeId(), role)));
            state.save(session);
        }
        return pass;
    }

    /**
     * Grants a patient or guest pass from a verified join link; a session that holds a pass for the
     * visit already keeps it (the same attendee, admitted or not).
     */
    public static RoomPass grant(HttpSession session, UUID visitId, AttendeeRole role, String linkId) {
        Optional<RoomPass> existing = pass(session, visitId);
        if (existing.isPresent()) {
            return existing.get();
        }
        BrowserLaunchState state = BrowserLaunchState.of(session);
        RoomPass pass = state.passOrKeep(visitId, () -> new RoomPass(visitId, newAttendeeId(), role, linkId));
        state.save(session);
        return pass;
    }

    /** 128 random bits, URL-safe: an id that says nothing about the person. */
    static String newAttendeeId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "a-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
