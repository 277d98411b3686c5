package org.openvisit.launch.interfaces.web;

import jakarta.servlet.http.HttpSession;
import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.room.application.RoomPass;

import java.io.Serial;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one browser's launches leave in its HTTP session, typed and in one place: the launches waiting for the EHR's
 * callback (by state; several tabs may launch at once; each works once), the states already used (so a replayed
 * callback is told apart from a forged one), the visits this browser launched and as whom (a patient launch gives
 * only the lobby), and its room passes (one attendee id per visit, so a reload is the same attendee). Small and
 * bounded (the oldest entries go first), serializable, and stored as one session attribute that is set again after
 * every change, so a replicated session sees it. One attribute rather than a CDI {@code @SessionScoped} bean because
 * the signalling WebSocket reads it from the HTTP session its handshake carried, where no CDI session context is
 * active.
 */
public final class BrowserLaunchState implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "org.openvisit.launch.browserState";
    static final int MAX_PENDING = 20;
    static final int MAX_REMEMBERED = 100;

    private final LinkedHashMap<String, PendingLaunch> pending = new LinkedHashMap<>();
    private final LinkedHashSet<String> usedStates = new LinkedHashSet<>();
    /** Visit id to whether this browser launched it as the patient. */
    private final LinkedHashMap<UUID, Boolean> launchedVisits = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, RoomPass> passes = new LinkedHashMap<>();

    /** The state of this session, made when it has none yet. */
    public static BrowserLaunchState of(HttpSession session) {
        synchronized (lockOf(session)) {
            if (session.getAttribute(ATTRIBUTE) instanceof BrowserLaunchState state) {
                return state;
            }
            BrowserLaunchState state = new BrowserLaunchState();
            session.setAttribute(ATTRIBUTE, state);
            return state;
        }
    }

    /** The state of this session if it has one ({@code null} session: none). */
    public static Optional<BrowserLaunchState> find(HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof BrowserLaunchState state
                ? Optional.of(state) : Optional.empty();
    }

    private static final Object LOCK = new Object();

    private static Object lockOf(HttpSession session) {
        return LOCK; // held only to make the one state of a new session
    }

    synchronized void addPending(PendingLaunch launch) {
        pending.remove(launch.state());
        pending.put(launch.state(), launch);
        trim(pending.keySet(), MAX_PENDING);
    }

    /** Takes the launch waiting under {@code state}: it works once. */
    synchronized Optional<PendingLaunch> takePending(String state) {
        PendingLaunch launch = pending.remove(state);
        if (launch != null) {
            usedStates.add(state);
            trim(usedStates, MAX_REMEMBERED);
        }
        return Optional.ofNullable(launch);
    }

    synchronized boolean wasUsed(String state) {
        return usedStates.contains(state);
    }

    /** This browser launched the visit, as its patient or as a clinician. */
    synchronized void launched(UUID visitId, boolean asPatient) {
        // a browser that launched as the patient stays the patient there, even if it launches again as someone else
        launchedVisits.merge(visitId, asPatient, (before, now) -> before || now);
        trim(launchedVisits.keySet(), MAX_REMEMBERED);
    }

    public synchronized boolean hasLaunched(UUID visitId) {
        return launchedVisits.containsKey(visitId);
    }

    public synchronized boolean launchedAsPatient(UUID visitId) {
        return Boolean.TRUE.equals(launchedVisits.get(visitId));
    }

    public synchronized Optional<RoomPass> pass(UUID visitId) {
        return Optional.ofNullable(passes.get(visitId));
    }

    /** The visit's pass: the one kept, or {@code made} kept from now on. */
    public synchronized RoomPass passOrKeep(UUID visitId, Supplier<RoomPass> made) {
        RoomPass pass = passes.computeIfAbsent(visitId, id -> made.get());
        trim(passes.keySet(), MAX_REMEMBERED);
        return pass;
    }

    /** Stores the state again, so that a replicated session copies the change. */
    public void save(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    private static void trim(Set<?> keys, int max) {
        Iterator<?> oldest = keys.iterator();
        while (keys.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized String toString() {
        return "BrowserLaunchState[pending=" + pending.size() + ", visits=" + launchedVisits.size() + ", passes="
                + passes.size() + "]";
    }
}
