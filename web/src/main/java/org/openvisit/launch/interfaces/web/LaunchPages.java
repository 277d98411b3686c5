package org.openvisit.launch.interfaces.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.application.LaunchLanding;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.launch.application.PendingLaunch;

import java.io.IOException;
import java.util.Optional;

import static org.openvisit.shared.interfaces.web.Html.escape;

/**
 * The launch's answers to the browser: where it goes (the EHR's authorize endpoint, the visit page, the lobby), what
 * it keeps in its browser state ({@link BrowserStates}), and the refusal page: status by {@link LaunchRefusalStatus},
 * words from the launch bundle in the browser's language, rendered by the Facelets template
 * {@code /launch-refused.xhtml} ({@link LaunchRefusalView}).
 */
public final class LaunchPages {

    static final String REFUSAL_PAGE = "/launch-refused.xhtml";

    private LaunchPages() {
    }

    /** Keeps the launch in this browser's state until the EHR calls back with its state, and sends the browser to the EHR. */
    static void toEhr(BrowserStates browsers, HttpServletRequest request, HttpServletResponse response,
                      PendingLaunch pending) {
        Object frameAncestors = request.getAttribute(BrowserLaunchState.FRAME_ANCESTORS_ATTRIBUTE);
        browsers.change(request, response, state -> {
            state.addPending(pending);
            if (frameAncestors instanceof java.util.List<?> origins && !origins.isEmpty()) {
                state.launchFrameAncestors(origins.stream().map(String::valueOf).toList());
            }
            return null;
        });
        redirect(request, response, pending.authorization().authorizeUri().toString());
    }

    /** The launch waiting under {@code state} in this browser, taken out (it works once). */
    static Optional<PendingLaunch> takePending(BrowserStates browsers, HttpServletRequest request, String state) {
        return BrowserStates.browserId(request)
                .flatMap(id -> browsers.changeExisting(id, s -> s.takePending(state)))
                .flatMap(taken -> taken);
    }

    static boolean stateWasUsed(BrowserStates browsers, HttpServletRequest request, String state) {
        return browsers.find(request).map(s -> s.wasUsed(state)).orElse(false);
    }

    /**
     * Lets this browser into the visit a launch opened: a clinician's launch gives the visit page, a patient's only
     * the lobby (as a patient). The browser's id changes, as a session id does at any sign-in; then the browser goes
     * there.
     */
    static void land(BrowserStates browsers, HttpServletRequest request, HttpServletResponse response,
                     LaunchLanding landing) {
        browsers.change(request, response, state -> {
            state.launched(landing.visitId(), landing.patient(), landing.clinician());
            return null;
        });
        browsers.renew(request, response);
        redirect(request, response, landing.path());
    }

    static void redirect(HttpServletRequest request, HttpServletResponse response, String target) {
        LaunchTiming.report(response);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target.startsWith("http") ? target : request.getContextPath() + target);
    }

    /** The refusal page: its status, and the page in the browser's language. */
    static void refused(HttpServletRequest request, HttpServletResponse response, LaunchRefusedException refusal)
            throws IOException {
        LaunchTiming.report(response);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(LaunchRefusalStatus.of(refusal.reason()));
        request.setAttribute(LaunchRefusalView.ATTRIBUTE, new LaunchRefusalView.Refusal(refusal.reasonCode(),
                refusal.title(), refusal.getMessage()));
        try {
            request.getRequestDispatcher(REFUSAL_PAGE).forward(request, response);
        } catch (ServletException e) {
            throw new IOException("The refusal page could not be rendered", e);
        }
    }

    /**
     * A plain page saying what went wrong and what to do, for the visit and room pages' own refusals (English; see
     * {@link #refused} for the launch's).
     */
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
