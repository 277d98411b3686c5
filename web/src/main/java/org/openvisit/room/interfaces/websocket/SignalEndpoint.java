package org.openvisit.room.interfaces.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.openvisit.launch.interfaces.web.BrowserStates;
import org.openvisit.room.application.RoomPass;
import org.openvisit.shared.infrastructure.LogText;
import org.openvisit.shared.infrastructure.QuietLog;
import org.openvisit.room.interfaces.web.RoomAccess;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /visit/<id>/signal}: one socket per open lobby or visit page. It opens only for a browser
 * that holds a pass for that visit (a join link or a SMART launch in the same browser) and
 * from a page of this server; everything after that is the {@link SignalHub}'s.
 */
@ServerEndpoint(value = "/visit/{visitId}/signal", configurator = HandshakeSession.class)
public class SignalEndpoint {

    private static final Logger LOG = Logger.getLogger(SignalEndpoint.class.getName());
    private static final QuietLog REFUSALS = new QuietLog(LOG, 20);
    private static final QuietLog ERRORS = new QuietLog(LOG, 20);

    @OnOpen
    public void open(Session socket, @PathParam("visitId") String visitId) throws IOException {
        Object headers = socket.getUserProperties().remove(HandshakeSession.HEADERS);
        boolean foreign = !HandshakeSession.sameOrigin(headers, socket.isSecure());
        Optional<String> browser = headers instanceof Map<?, ?> map ? browserId(map) : Optional.empty();
        UUID visit = parse(visitId);
        Optional<RoomPass> pass = Optional.empty();
        if (!foreign && visit != null && browser.isPresent()) {
            pass = CDI.current().select(RoomAccess.class).get().pass(browser.get(), visit);
        }
        if (pass.isEmpty()) {
            String why = foreign ? "FOREIGN_ORIGIN" : browser.isEmpty() ? "NO_SESSION" : "NOT_IN_VISIT";
            REFUSALS.warning(why, () -> "Signalling socket refused: " + why + " for visit " + LogText.of(visitId, 40));
            CDI.current().select(SignalSockets.class).get().closeAfterOpen(socket, CloseReason.CloseCodes.VIOLATED_POLICY, why);
            return;
        }
        hub().open(socket, pass.get());
    }

    @OnMessage(maxMessageSize = SignalHub.MAX_MESSAGE)
    public void message(Session socket, String text) {
        hub().message(socket, text);
    }

    @OnClose
    public void close(Session socket, CloseReason reason) {
        hub().closed(socket);
    }

    @OnError
    public void error(Session socket, Throwable error) {
        if (error instanceof IOException || error.getCause() instanceof IOException) {
            LOG.log(Level.FINE, "Signalling socket error", error); // the browser went away: nothing to do
        } else {
            // a fault of ours (the room, the grid, the database): the page got no answer, so it must be seen
            ERRORS.warning(error.getClass().getName(), () -> "Signalling socket failed: " + error + where(error));
        }
    }

    private SignalHub hub;

    /** The hub, looked up once per socket (one endpoint instance per socket). */
    private SignalHub hub() {
        SignalHub h = hub;
        if (h == null) {
            h = CDI.current().select(SignalHub.class).get();
            hub = h;
        }
        return h;
    }

    /** Where in OpenVisit the error came from (the first of our frames), for the log line. */
    private static String where(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.openvisit.")) {
                    return " at " + frame;
                }
            }
        }
        return "";
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> browserId(Map<?, ?> headers) {
        return BrowserStates.browserId((Map<String, List<String>>) headers);
    }
}
