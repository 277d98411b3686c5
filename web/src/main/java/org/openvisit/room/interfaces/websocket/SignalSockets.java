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
import org.openvisit.room.application.VisitChannel;

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
 * attendee. While it holds a socket of a visit, this node hears the visit's {@link VisitChannel} and hands each
 * message to its own sockets it is addressed to ({@link Envelope}); the same sweep stops hearing visits it no
 * longer holds a socket of.
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

    /** How long a socket may stay silent before it is closed; read here and by {@link SignalSocketIdleTimeout}. */
    static final String HEARTBEAT_TIMEOUT_SETTING = "openvisit.rooms.heartbeat-timeout";
    static final String HEARTBEAT_TIMEOUT_SETTING_DEFAULT = "PT30S";

    @Inject
    @ConfigProperty(name = HEARTBEAT_TIMEOUT_SETTING, defaultValue = HEARTBEAT_TIMEOUT_SETTING_DEFAULT)
    private Duration heartbeatTimeout;

    @Inject
    private VisitChannel channel;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final ConcurrentMap<UUID, LocalVisit> visits = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;
    private volatile String prefix;

    /** This node's sockets of one visit, and its hearing of the visit's channel. */
    private static final class LocalVisit {
        final ConcurrentMap<String, Session> sockets = new ConcurrentHashMap<>();
        AutoCloseable hearing;
        boolean closed;
    }

    @PostConstruct
    void startSweeper() {
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopSweeper() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        visits.values().forEach(v -> stopHearing(v));
    }

    /** The socket's id in the whole cluster ({@code <node id>/<socket id>}): which node holds the page. */
    String clusterId(Session socket) {
        String p = prefix;
        if (p == null) {
            p = rooms.socketPrefix();
            prefix = p;
        }
        return p + socket.getId();
    }

    /** Binds a new socket to its pass and starts its heartbeat clock. */
    void bind(Session socket, RoomPass pass) {
        socket.getUserProperties().put(PASS, pass);
        socket.getUserProperties().put(LAST_SEEN, new AtomicLong(System.nanoTime()));
        // The container's idle timeout, a backstop behind the heartbeat, is set for all sockets at once, never here:
        // see SignalSocketIdleTimeout.
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
        while (true) {
            LocalVisit v = visits.computeIfAbsent(pass.visitId(), id -> new LocalVisit());
            synchronized (v) {
                if (v.closed) {
                    continue; // the sweep just let this visit go: take a new one
                }
                if (v.hearing == null) {
                    UUID visitId = pass.visitId();
                    v.hearing = channel.subscribe(visitId, message -> deliver(visitId, message));
                }
                v.sockets.put(pass.attendeeId(), socket);
                return;
            }
        }
    }

    /** Forgets the socket, unless a newer one already speaks for its attendee. */
    void unregister(RoomPass pass, Session socket) {
        LocalVisit v = visits.get(pass.visitId());
        if (v != null) {
            v.sockets.remove(pass.attendeeId(), socket);
        }
    }

    /** The attendee's socket on this node, or {@code null}. */
    Session get(UUID visitId, String attendeeId) {
        LocalVisit v = visits.get(visitId);
        return v == null ? null : v.sockets.get(attendeeId);
    }

    Collection<Session> ofVisit(UUID visitId) {
        LocalVisit v = visits.get(visitId);
        return v == null ? java.util.List.of() : v.sockets.values();
    }

    /** Sends {@code message} to the visit's sockets it is for, on whichever node holds them. */
    void publish(UUID visitId, Envelope message) {
        channel.publish(visitId, message.text());
    }

    /** A message of the visit's channel: this node's sockets it is addressed to get it (and close, if it says so). */
    private void deliver(UUID visitId, String text) {
        Envelope e = Envelope.parse(text);
        LocalVisit v = visits.get(visitId);
        if (v == null) {
            return;
        }
        java.util.List<Session> targets = switch (e.to()) {
            case ALL -> java.util.List.copyOf(v.sockets.values());
            case CLINICIANS -> v.sockets.values().stream().filter(s -> {
                RoomPass p = pass(s);
                return p != null && p.isClinician();
            }).toList();
            case ATTENDEES -> e.ids().stream().map(v.sockets::get).filter(java.util.Objects::nonNull).toList();
        };
        for (Session s : targets) {
            if (e.closeCode() != 0) { // it leaves this node's registry before it closes: its close changes nothing
                RoomPass p = pass(s);
                if (p != null) {
                    v.sockets.remove(p.attendeeId(), s);
                }
            }
            sendText(s, e.json());
            if (e.closeCode() != 0) {
                close(s, CloseReason.CloseCodes.getCloseCode(e.closeCode()), e.closeCode() == ENDED.getCode()
                        ? "visit ended" : "removed");
            }
        }
        if (e.to() == Envelope.To.ALL && e.closeCode() == ENDED.getCode()) {
            rooms.forgetHere(visitId);
        }
    }

    /** How many signalling sockets this node holds. */
    public int openSockets() {
        return visits.values().stream().mapToInt(v -> v.sockets.size()).sum();
    }

    private void stopHearing(LocalVisit v) {
        synchronized (v) {
            v.closed = true;
            if (v.hearing != null) {
                try {
                    v.hearing.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "A visit channel could not be left", e);
                }
                v.hearing = null;
            }
        }
    }

    private void sweep() {
        for (Map.Entry<UUID, LocalVisit> e : visits.entrySet()) {
            LocalVisit v = e.getValue();
            synchronized (v) {
                if (v.sockets.isEmpty()) {
                    stopHearing(v);
                    visits.remove(e.getKey(), v);
                }
            }
        }
        long now = System.nanoTime();
        for (LocalVisit visit : visits.values()) {
            for (Session s : visit.sockets.values()) {
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
