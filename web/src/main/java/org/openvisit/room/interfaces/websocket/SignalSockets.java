package org.openvisit.room.interfaces.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.room.application.RoomPass;
import org.openvisit.room.application.RoomService;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signalling sockets this node holds, by visit and attendee, each bound to its pass; sending to
 * them one message at a time; and the heartbeat: a socket that says nothing for
 * {@code openvisit.rooms.heartbeat-timeout} (browsers ping every 10 s) is closed, which disconnects its
 * attendee. The same sweep drops rooms nobody used for hours.
 */
@ApplicationScoped
public class SignalSockets {

    static final CloseReason.CloseCode HEARTBEAT_TIMEOUT = CloseReason.CloseCodes.getCloseCode(4000);
    static final CloseReason.CloseCode REMOVED = CloseReason.CloseCodes.getCloseCode(4001);
    static final CloseReason.CloseCode ENDED = CloseReason.CloseCodes.getCloseCode(4002);
    private static final Logger LOG = Logger.getLogger(SignalSockets.class.getName());
    private static final String PASS = "org.openvisit.room.pass";
    private static final String LAST_SEEN = "org.openvisit.room.lastSeen";

    @Inject
    private RoomService rooms;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.heartbeat-timeout", defaultValue = "PT30S")
    private Duration heartbeatTimeout;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final ConcurrentMap<UUID, ConcurrentMap<String, Session>> sockets = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;

    @PostConstruct
    void startSweeper() {
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopSweeper() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }

    /** Binds a new socket to its pass and starts its heartbeat clock. */
    void bind(Session socket, RoomPass pass) {
        socket.getUserProperties().put(PASS, pass);
        socket.getUserProperties().put(LAST_SEEN, new AtomicLong(System.nanoTime()));
        socket.setMaxIdleTimeout(heartbeatTimeout.toMillis() * 2); // a backstop behind the heartbeat
    }

    /** The socket no longer speaks for anyone (refused at its opening, closing). */
    static void unbind(Session socket) {
        socket.getUserProperties().remove(PASS);
    }

    /** The socket's pass, or {@code null} for a socket refused at its opening. */
    static RoomPass pass(Session socket) {
        return (RoomPass) socket.getUserProperties().get(PASS);
    }

    /** The socket spoke: its heartbeat clock starts again. */
    static void heard(Session socket) {
        Object seen = socket.getUserProperties().get(LAST_SEEN);
        if (seen instanceof AtomicLong at) {
            at.set(System.nanoTime());
        }
    }

    /** The socket now speaks for its attendee (a reload's new socket replaces the old one here). */
    void register(RoomPass pass, Session socket) {
        of(pass.visitId()).put(pass.attendeeId(), socket);
    }

    /** Forgets the socket, unless a newer one already speaks for its attendee. */
    void unregister(RoomPass pass, Session socket) {
        of(pass.visitId()).remove(pass.attendeeId(), socket);
    }

    Session get(UUID visitId, String attendeeId) {
        return of(visitId).get(attendeeId);
    }

    Session remove(UUID visitId, String attendeeId) {
        return of(visitId).remove(attendeeId);
    }

    /** All sockets of the visit, taken out of the registry (the visit ended). */
    Collection<Session> removeVisit(UUID visitId) {
        Map<String, Session> all = sockets.remove(visitId);
        return all == null ? java.util.List.of() : all.values();
    }

    Collection<Session> ofVisit(UUID visitId) {
        return of(visitId).values();
    }

    /** How many signalling sockets this node holds. */
    public int openSockets() {
        return sockets.values().stream().mapToInt(Map::size).sum();
    }

    private ConcurrentMap<String, Session> of(UUID visitId) {
        return sockets.computeIfAbsent(visitId, id -> new ConcurrentHashMap<>());
    }

    private void sweep() {
        rooms.forgetIdleRooms();
        sockets.entrySet().removeIf(e -> e.getValue().isEmpty());
        long now = System.nanoTime();
        for (Map<String, Session> visit : sockets.values()) {
            for (Session s : visit.values()) {
                AtomicLong seen = (AtomicLong) s.getUserProperties().get(LAST_SEEN);
                if (seen != null && now - seen.get() > heartbeatTimeout.toNanos()) {
                    LOG.info(() -> "Signalling socket silent for " + heartbeatTimeout.toSeconds() + " s: closed");
                    close(s, HEARTBEAT_TIMEOUT, "heartbeat timeout");
                }
            }
        }
    }

    static void send(Session socket, JsonObjectBuilder message) {
        sendText(socket, message.build().toString());
    }

    /** One sender at a time per socket (a socket's basic remote is not for concurrent use). */
    static void sendText(Session socket, String json) {
        if (!socket.isOpen()) {
            return;
        }
        synchronized (socket) {
            try {
                socket.getBasicRemote().sendText(json);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "A signalling message could not be sent", e);
            }
        }
    }

    /**
     * Closes a socket refused while it opens, a moment after its {@code @OnOpen} has returned: closed inside
     * {@code @OnOpen}, the connection went away while Grizzly was still finishing the upgrade request, which logged
     * failures in its filter chain and left the worker in a bad state.
     */
    void closeAfterOpen(Session socket, CloseReason.CloseCode code, String why) {
        scheduler.schedule(() -> close(socket, code, why), 50, TimeUnit.MILLISECONDS);
    }

    static void close(Session socket, CloseReason.CloseCode code, String why) {
        try {
            socket.close(new CloseReason(code, why));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "A signalling socket could not be closed", e);
        }
    }
}
