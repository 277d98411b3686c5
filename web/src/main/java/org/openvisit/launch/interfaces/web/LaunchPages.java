package org.openvisit.launch.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.openvisit.launch.application.LaunchLanding;
import org.openvisit.room.interfaces.web.RoomAccess;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.openvisit.shared.interfaces.web.Html.escape;

/**
 * What the launch keeps in the browser's HTTP session, and its pages. Pending launches are keyed by
 * their state (several tabs may launch at once), removed on first use; used states are remembered so
 * a replayed callback is told apart from a forged one. The visits this browser launched are the only
 * ones its visit pages show.
 */
public final class LaunchPages {

    static final String PENDING = "org.openvisit.launch.pending";
    static final String USED_STATES = "org.openvisit.launch.usedStates";
    /** The ids of the visits this browser launched (a Set of UUID): the visit pages show only these. */
    public static final String LAUNCHED_VISITS = "org.openvisit.launch.visits";
    private static final int MAX_PENDING = 20;

    private LaunchPages() {
    }

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> pending(HttpSession session) {
        Object map = session.getAttribute(PENDING);
        if (map == null) {
            map = Collections.synchronizedMap(new LinkedHashMap<String, Object>());
            session.setAttribute(PENDING, map);
        }
        return (Map<String, Object>) map;
    }

    static void addPending(HttpSession session, String state, Object pending) {
        Map<String, Object> map = pending(session);
        synchronized (map) {
            while (map.size() >= MAX_PENDING) {
                map.remove(map.keySet().iterator().next());
            }
            map.put(state, pending);
        }
        session.setAttribute(PENDING, map); // so a replicated session sees the change
    }

    /** Takes the pending launch of {@code state} out of the session: it works once. */
    static Object takePending(HttpSession session, String state) {
        Map<String, Object> map = pending(session);
        Object pending = map.remove(state);
        session.setAttribute(PENDING, map);
        if (pending != null) {
            usedStates(session).add(state);
            session.setAttribute(USED_STATES, usedStates(session));
        }
        return pending;
    }

    @SuppressWarnings("unchecked")
    static synchronized Set<String> usedStates(HttpSession session) {
        Object set = session.getAttribute(USED_STATES);
        if (set == null) {
            set = Collections.synchronizedSet(new LinkedHashSet<String>());
            session.setAttribute(USED_STATES, set);
        }
        return (Set<String>) set;
    }

    @SuppressWarnings("unchecked")
    public static synchronized Set<UUID> launchedVisits(HttpSession session) {
        Object set = session.getAttribute(LAUNCHED_VISITS);
        if (set == null) {
            set = Collections.synchronizedSet(new LinkedHashSet<UUID>());
            session.setAttribute(LAUNCHED_VISITS, set);
        }
        return (Set<UUID>) set;
    }

    /**
     * Lets this browser into the visit a launch opened: a clinician's launch gives the visit page, a
     * patient's only the lobby (as a patient). The session id changes, as at any sign-in.
     */
    static void grant(HttpServletRequest request, LaunchLanding landing) {
        HttpSession session = request.getSession(true);
        if (landing.patient()) {
            RoomAccess.patientLaunched(session, landing.visitId()); // before the visit counts as launched here
        }
        launchedVisits(session).add(landing.visitId());
        session.setAttribute(LAUNCHED_VISITS, launchedVisits(session));
        request.changeSessionId();
    }

    static void redirect(HttpServletRequest request, HttpServletResponse response, String target) {
        LaunchTiming.report(response);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target.startsWith("http") ? target : request.getContextPath() + target);
    }

    /** A plain page saying what went wrong and what to do. */
    public static void error(HttpServletResponse response, int status, String code, String title, String message)
            throws IOException {
        LaunchTiming.report(response);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(page(title, "<p id=\"launchMessage\">" + escape(message) + "</p>"
                + "<p class=\"code\">Reason: <span id=\"launchReason\">" + escape(code) + "</span></p>"));
    }

    public static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - OpenVisit</title><style>body{font-family:sans-serif;max-width:44rem;"
                + "margin:3rem auto;padding:0 1rem;color:#1d2a36}h1{font-size:1.6rem}dt{font-weight:bold;margin-top:.6rem}"
                + ".code{color:#5a6b7b;font-size:.9rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem .3rem 0;"
                + "text-align:left}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }
}
