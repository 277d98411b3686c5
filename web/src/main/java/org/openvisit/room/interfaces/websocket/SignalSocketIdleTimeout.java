package org.openvisit.room.interfaces.websocket;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The container's idle timeout for every signalling socket, a backstop behind the heartbeat ({@link SignalSockets}
 * closes a socket silent for {@code openvisit.rooms.heartbeat-timeout}): twice that, set as the container's default
 * before any socket opens.
 *
 * <p>Set per socket at its opening it could close a socket that had just opened. Tyrus gives each new session the
 * container's default (0, none) and schedules an idle check with that delay, which runs at once and does nothing
 * while the timeout is 0; when the executor ran that check late (a busy machine, a flood of reconnects) and the
 * opening set 60 s in between, the check saw a timeout and closed the socket as idle about a second after it opened
 * (seen in {@code RoomAbuseIT} and in {@code bench/lobby.sh}). With the default set here the first check is
 * scheduled 60 s out and every message moves it on.
 */
@WebListener
public class SignalSocketIdleTimeout implements ServletContextListener {

    @Inject
    @ConfigProperty(name = SignalSockets.HEARTBEAT_TIMEOUT_SETTING,
            defaultValue = SignalSockets.HEARTBEAT_TIMEOUT_SETTING_DEFAULT)
    private Duration heartbeatTimeout;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        setDefault(event.getServletContext(), heartbeatTimeout);
    }

    /** Sets the sockets' idle timeout on the context's WebSocket container; a context without one has no sockets. */
    static void setDefault(ServletContext context, Duration heartbeatTimeout) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer sockets) {
            sockets.setDefaultMaxSessionIdleTimeout(heartbeatTimeout.multipliedBy(2).toMillis());
        }
    }
}
