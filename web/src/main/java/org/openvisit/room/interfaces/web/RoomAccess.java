package org.openvisit.room.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.interfaces.web.BrowserLaunchState;
import org.openvisit.launch.interfaces.web.BrowserStates;
import org.openvisit.room.application.RoomPass;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What a browser may do in which visit. A join link grants a patient or guest pass; a SMART launch puts the visit in
 * the browser's {@link BrowserLaunchState} and the pass follows from it: the patient's launch gives a patient pass, a
 * clinician's a clinician pass. The pass keeps one opaque attendee id per browser and visit, so a reload is the same
 * attendee (no re-admission), on whichever node the reload lands.
 */
@ApplicationScoped
public class RoomAccess {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private BrowserStates browsers;

    /** This browser's pass for the visit, if it has one (made now from a SMART launch when needed). */
    public Optional<RoomPass> pass(HttpServletRequest request, UUID visitId) {
        return BrowserStates.browserId(request).flatMap(id -> pass(id, visitId));
    }

    /** The pass for the visit of the browser with this id (a signalling socket's handshake cookie). */
    public Optional<RoomPass> pass(String browserId, UUID visitId) {
        if (browserId == null || visitId == null) {
            return Optional.empty();
        }
        Optional<BrowserLaunchState> found = browsers.find(browserId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<RoomPass> pass = found.get().pass(visitId);
        if (pass.isPresent() || !found.get().hasLaunched(visitId)) {
            return pass;
        }
        return browsers.changeExisting(browserId, state -> passFromLaunch(state, visitId)).flatMap(p -> p);
    }

    /**
     * Grants a patient or guest pass from a verified join link; a browser that holds a pass for the visit already
     * (or launched it) keeps that one (the same attendee, admitted or not).
     */
    public RoomPass grant(HttpServletRequest request, HttpServletResponse response, UUID visitId, AttendeeRole role,
                          String linkId) {
        return browsers.change(request, response, state -> passFromLaunch(state, visitId)
                .orElseGet(() -> state.passOrKeep(visitId, () -> new RoomPass(visitId, newAttendeeId(), role, linkId))));
    }

    private static Optional<RoomPass> passFromLaunch(BrowserLaunchState state, UUID visitId) {
        Optional<RoomPass> pass = state.pass(visitId);
        if (pass.isPresent() || !state.hasLaunched(visitId)) {
            return pass;
        }
        AttendeeRole role = state.launchedAsPatient(visitId) ? AttendeeRole.PATIENT : AttendeeRole.PROVIDER;
        String clinician = role == AttendeeRole.PATIENT ? null : state.launchedBy(visitId).orElse(null);
        return Optional.of(state.passOrKeep(visitId, () -> new RoomPass(visitId, newAttendeeId(), role, null, clinician)));
    }

    /** 128 random bits, URL-safe: an id that says nothing about the person. */
    static String newAttendeeId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "a-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
