package org.openvisit.room.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.interfaces.web.BrowserStates;
import org.openvisit.room.application.RoomPass;
import org.openvisit.visit.application.InvalidJoinLinkException;
import org.openvisit.visit.application.JoinGrant;
import org.openvisit.visit.application.JoinLinkRevocations;
import org.openvisit.visit.application.JoinLinks;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitStatus;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@code GET /join?token=...}: a patient's or guest's join link. A valid link puts a pass for its visit
 * into the browser's session (a new session id, as at any sign-in) and sends the browser to the lobby
 * at an address without the token, so the token does not stay in the address bar or the history. A
 * forged, damaged or expired link, or one for a visit that is over, gets a plain page saying so. A link of a
 * visit that a region move took to another region (which renamed its id) leads to that visit under its new id. The
 * token is never logged.
 */
@WebServlet("/join")
public class JoinServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(JoinServlet.class.getName());

    @Inject
    private transient RoomAccess access;

    @Inject
    private transient BrowserStates browsers;

    @Inject
    private transient JoinLinks joinLinks;

    @EJB
    private transient VisitOrchestrationService visits;

    @EJB
    private transient JoinLinkRevocations revocations;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JoinGrant grant;
        try {
            grant = joinLinks.verify(request.getParameter("token"));
        } catch (InvalidJoinLinkException e) {
            LOG.warning(() -> "Join link refused: " + e.reasonCode());
            int status = switch (e.reasonCode()) {
                case "EXPIRED" -> HttpServletResponse.SC_GONE;
                case "MALFORMED" -> HttpServletResponse.SC_BAD_REQUEST;
                default -> HttpServletResponse.SC_FORBIDDEN;
            };
            RoomRefusal.send(request, response, status, e.reasonCode());
            return;
        }
        UUID visitId = grant.visitId();
        Optional<VisitView> visit;
        try {
            if (revocations.isRevoked(visitId, grant.linkId())) {
                LOG.warning(() -> "Join link refused: REVOKED for visit " + grant.visitId());
                RoomRefusal.send(request, response, HttpServletResponse.SC_FORBIDDEN, "REVOKED");
                return;
            }
            visit = visits.find(visitId);
            if (visit.isEmpty()) {
                // a region move renamed the visit's id (the region's digit): the link leads to the same visit under
                // its new id, as it did before the move (only ended or abandoned visits move: mostly "visit ended")
                Optional<UUID> moved = visits.movedId(visitId);
                if (moved.isPresent()) {
                    visitId = moved.get();
                    UUID renamed = visitId;
                    LOG.info(() -> "Join link of visit " + grant.visitId() + " followed to its moved visit " + renamed);
                    if (revocations.isRevoked(visitId, grant.linkId())) { // revoked links moved with their visit
                        LOG.warning(() -> "Join link refused: REVOKED for visit " + renamed);
                        RoomRefusal.send(request, response, HttpServletResponse.SC_FORBIDDEN, "REVOKED");
                        return;
                    }
                    visit = visits.find(visitId);
                }
            }
        } catch (RuntimeException e) {
            if (!RoomRefusal.regionUnavailable(e)) {
                throw e;
            }
            // the visit's region's database cannot be reached: the other regions' visits go on
            LOG.warning(() -> "Join link refused: REGION_UNAVAILABLE for visit " + grant.visitId());
            RoomRefusal.send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "REGION_UNAVAILABLE");
            return;
        }
        if (visit.isEmpty()) {
            LOG.warning(() -> "Join link refused: NO_VISIT " + grant.visitId());
            RoomRefusal.send(request, response, 404, "NO_VISIT");
            return;
        }
        UUID id = visitId;
        if (visit.get().status() == VisitStatus.ENDED) {
            LOG.info(() -> "Join link refused: VISIT_ENDED " + id);
            RoomRefusal.send(request, response, HttpServletResponse.SC_GONE, "VISIT_ENDED");
            return;
        }
        RoomPass pass = access.grant(request, response, id,
                grant.role() == JoinRole.GUEST ? AttendeeRole.GUEST : AttendeeRole.PATIENT, grant.linkId());
        browsers.renew(request, response); // the browser's state now grants a visit
        LOG.info(() -> "Join link accepted: visit " + id + " attendee " + pass.attendeeId() + " ("
                + pass.role() + ")");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        String target = pass.isClinician() ? "/visit/" + id : "/visit/" + id + "/lobby";
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + target);
    }
}
