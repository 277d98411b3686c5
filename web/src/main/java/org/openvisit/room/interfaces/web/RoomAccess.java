package org.openvisit.room.interfaces.web;

import jakarta.servlet.http.HttpSession;
import org.openvisit.launch.interfaces.web.LaunchPages;
import org.openvisit.room.application.RoomPass;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a browser's HTTP session may do in which visit. A join link grants a patient or guest pass; a
 * SMART launch puts the visit in the session ({@link LaunchPages#launchedVisits}) and the pass follows
 * from it: the patient's launch gives a patient pass, a clinician's a clinician pass. The pass keeps
 * one opaque attendee id per session and visit, so a reload is the same attendee (no re-admission).
 */
public final class RoomAccess {

    static final String PASSES = "org.openvisit.room.passes";
    static final String PATIENT_LAUNCHES = "org.openvisit.room.patientLaunches";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomAccess() {
    }

    /** The session's pass for the visit, if it has one (made now from a SMART launch when needed). */
    public static Optional<RoomPass> pass(HttpSession session, UUID visitId) {
        if (session == null || visitId == null) {
            return Optional.empty();
        }
        Map<UUID, RoomPass> passes = passes(session);
        RoomPass pass = passes.get(visitId);
        if (pass == null && LaunchPages.launchedVisits(session).contains(visitId)) {
            AttendeeRole role = patientLaunches(session).contains(visitId) ? AttendeeRole.PATIENT : AttendeeRole.PROVIDER;
            pass = store(session, new RoomPass(visitId, newAttendeeId(), role));
        }
        return Optional.ofNullable(pass);
    }

    /**
     * Grants a patient or guest pass from a verified join link; a session that holds a pass for the
     * visit already keeps it (the same attendee, admitted or not).
     */
    public static RoomPass grant(HttpSession session, UUID visitId, AttendeeRole role) {
        return pass(session, visitId).orElseGet(() -> store(session, new RoomPass(visitId, newAttendeeId(), role)));
    }

    /** Marks a visit the session reached by the patient's own SMART launch: a patient there, not a clinician. */
    public static void patientLaunched(HttpSession session, UUID visitId) {
        Set<UUID> set = patientLaunches(session);
        set.add(visitId);
        session.setAttribute(PATIENT_LAUNCHES, set);
    }

    private static synchronized RoomPass store(HttpSession session, RoomPass pass) {
        Map<UUID, RoomPass> passes = passes(session);
        passes.putIfAbsent(pass.visitId(), pass);
        session.setAttribute(PASSES, passes); // so a replicated session sees the change
        return passes.get(pass.visitId());
    }

    @SuppressWarnings("unchecked")
    private static synchronized Map<UUID, RoomPass> passes(HttpSession session) {
        Object map = session.getAttribute(PASSES);
        if (map == null) {
            map = Collections.synchronizedMap(new LinkedHashMap<UUID, RoomPass>());
            session.setAttribute(PASSES, map);
        }
        return (Map<UUID, RoomPass>) map;
    }

    @SuppressWarnings("unchecked")
    private static synchronized Set<UUID> patientLaunches(HttpSession session) {
        Object set = session.getAttribute(PATIENT_LAUNCHES);
        if (set == null) {
            set = Collections.synchronizedSet(new LinkedHashSet<UUID>());
            session.setAttribute(PATIENT_LAUNCHES, set);
        }
        return (Set<UUID>) set;
    }

    /** 128 random bits, URL-safe: an id that says nothing about the person. */
    static String newAttendeeId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "a-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
