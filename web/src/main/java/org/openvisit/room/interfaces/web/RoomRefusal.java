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

    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        LaunchTiming.report(response);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(RoomPages.refusal(request.getContextPath(), RoomPages.Viewer.of(request), code));
    }
}
