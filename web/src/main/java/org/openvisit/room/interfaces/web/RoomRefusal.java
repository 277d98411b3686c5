package org.openvisit.room.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.interfaces.web.LaunchTiming;

import java.io.IOException;

/**
 * A join link or visit address that does not open a visit: the status, and a page in the viewer's language saying
 * what to do (room bundle {@code refusal.<CODE>.title} and {@code .message}), with the reason code for the help desk.
 */
public final class RoomRefusal {

    private RoomRefusal() {
    }

    /**
     * Whether {@code e} says the visit's region's database cannot be reached now (or the organization's data is being
     * moved): such a page answers 503 {@code REGION_UNAVAILABLE}, while the other regions' visits go on.
     */
    public static boolean regionUnavailable(RuntimeException e) {
        return e instanceof org.openvisit.region.application.RegionUnavailableException
                || org.openvisit.region.application.RegionUnavailableException.isStoreFailure(e);
    }

    /**
     * Sends the region-unavailable page for {@code e} when it is one ({@link #regionUnavailable}) and nothing was sent
     * yet; otherwise throws it again.
     */
    public static void regionUnavailable(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        if (!regionUnavailable(e) || response.isCommitted()) {
            throw e;
        }
        response.resetBuffer();
        send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "REGION_UNAVAILABLE");
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        LaunchTiming.report(response);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(RoomPages.refusal(request.getContextPath(), RoomPages.Viewer.of(request), code));
    }
}
