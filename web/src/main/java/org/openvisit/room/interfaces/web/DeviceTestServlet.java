package org.openvisit.room.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /device-test}: the device test on its own page, for anyone, before a visit (camera
 * preview, microphone level, test sound, whether a peer connection can be set up). Nothing is
 * recorded here; the lobby's device test is recorded as a visit event.
 */
@WebServlet("/device-test")
public class DeviceTestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(RoomPages.deviceTest(request.getContextPath(), RoomPages.Viewer.of(request)));
    }
}
