package org.openvisit.room.interfaces.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.room.application.RoomPass;
import org.openvisit.room.application.RoomResult;
import org.openvisit.room.application.RoomService;
import org.openvisit.room.domain.model.AttendeeState;
import org.openvisit.room.domain.model.AttendeeView;
import org.openvisit.room.domain.model.RoomRefusedException;
import org.openvisit.visit.application.CallQualityService;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.VisitEventType;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signalling sockets of this node, by visit and attendee, and what their messages do. Lobby
 * sockets hear only "admitted", "removed" and "ended" (and answers to their own messages); people in
 * the call hear who joins and leaves and the WebRTC signalling addressed to them; clinicians' sockets
 * also get every recorded visit event and the room's attendees, live. Every refusal is answered with
 * a "refused" message, logged, and changes nothing. Sockets that say nothing for the heartbeat
 * timeout (browsers ping every 10 s) are closed, which disconnects their attendee. SDP and candidates
 * are relayed, never logged.
 */
@ApplicationScoped
public class SignalHub {

    static final int MAX_MESSAGE = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(SignalHub.class.getName());
    private static final String PASS = "org.openvisit.room.pass";
    private static final String LAST_SEEN = "org.openvisit.room.lastSeen";
    private static final CloseReason.CloseCode HEARTBEAT_TIMEOUT = CloseReason.CloseCodes.getCloseCode(4000);
    private static final CloseReason.CloseCode REMOVED = CloseReason.CloseCodes.getCloseCode(4001);
    private static final CloseReason.CloseCode ENDED = CloseReason.CloseCodes.getCloseCode(4002);

    @Inject
    private RoomService rooms;

    @EJB
    private CallQualityService quality;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.heartbeat-timeout", defaultValue = "PT30S")
    private Duration heartbeatTimeout;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.ice-servers")
    private Optional<String> iceServerUrls;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn-username")
    private Optional<String> turnUsername;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn-credential")
    private Optional<String> turnCredential;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final ConcurrentMap<UUID, ConcurrentMap<String, Session>> sockets = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;

    @PostConstruct
    void startSweeper() {
        sweeper = scheduler.scheduleWithFixedDelay(this::closeSilentSockets, 5, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopSweeper() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }

    /** How many signalling sockets this node holds (for the benchmark and health). */
    public int openSockets() {
        return sockets.values().stream().mapToInt(Map::size).sum();
    }

    void open(Session socket, RoomPass pass) throws IOException {
        socket.getUserProperties().put(PASS, pass);
        socket.getUserProperties().put(LAST_SEEN, new AtomicLong(System.nanoTime()));
        socket.setMaxIdleTimeout(heartbeatTimeout.toMillis() * 2); // a backstop behind the heartbeat
        RoomResult result;
        try {
            result = rooms.connect(pass, socket.getId());
        } catch (RoomRefusedException e) {
            LOG.warning(() -> "Signalling socket refused: " + e.reasonCode() + " for visit " + pass.visitId()
                    + " attendee " + pass.attendeeId());
            String type = switch (e.reasonCode()) {
                case "ENDED" -> "ended";
                case "REMOVED" -> "removed";
                default -> "refused";
            };
            send(socket, Json.createObjectBuilder().add("type", type).add("code", e.reasonCode())
                    .add("message", e.getMessage()));
            socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.reasonCode()));
            return;
        }
        if (result.ended()) { // the visit was ended elsewhere; the room learned it at this step
            send(socket, Json.createObjectBuilder().add("type", "ended"));
            socket.close(new CloseReason(ENDED, "visit ended"));
            publish(pass.visitId(), result);
            return;
        }
        visitSockets(pass.visitId()).put(pass.attendeeId(), socket);
        AttendeeState state = stateOf(result, pass.attendeeId());
        send(socket, Json.createObjectBuilder().add("type", "hello").add("self", pass.attendeeId())
                .add("role", pass.role().name()).add("state", state.name()).add("iceServers", iceServers()));
        if (pass.isClinician()) {
            RoomResult all = rooms.snapshot(pass.visitId());
            sendText(socket, Json.createObjectBuilder().add("type", "room").add("ended", all.ended())
                    .add("attendees", attendees(all.changed())).build().toString());
        }
        publish(pass.visitId(), result);
    }

    void closed(Session socket) {
        RoomPass pass = (RoomPass) socket.getUserProperties().get(PASS);
        if (pass == null) {
            return; // refused at the handshake
        }
        visitSockets(pass.visitId()).remove(pass.attendeeId(), socket);
        try {
            RoomResult result = rooms.disconnect(pass, socket.getId());
            if (!result.events().isEmpty()) {
                tellCall(pass, Json.createObjectBuilder().add("type", "peer-left").add("id", pass.attendeeId()));
                publish(pass.visitId(), result);
            }
        } catch (RoomRefusedException e) {
            LOG.fine(() -> "Disconnect of a visit without a room: " + e.reasonCode());
        }
    }

    void message(Session socket, String text) {
        RoomPass pass = (RoomPass) socket.getUserProperties().get(PASS);
        if (pass == null) {
            return;
        }
        ((AtomicLong) socket.getUserProperties().get(LAST_SEEN)).set(System.nanoTime());
        JsonObject m;
        try {
            m = Json.createReader(new StringReader(text)).readObject();
        } catch (JsonException | IllegalStateException e) {
            refuse(socket, pass, "?", new RoomRefusedException("BAD_MESSAGE", "This message is not understood."));
            return;
        }
        String type = m.getString("type", "?");
        try {
            String visit = m.getString("visit", null);
            if (visit != null && !visit.equals(pass.visitId().toString())) {
                throw new RoomRefusedException("WRONG_VISIT", "This socket belongs to another visit.");
            }
            handle(socket, pass, type, m);
        } catch (RoomRefusedException e) {
            refuse(socket, pass, type, e);
        } catch (ClassCastException | NullPointerException e) {
            refuse(socket, pass, type, new RoomRefusedException("BAD_MESSAGE", "This message is incomplete."));
        }
    }

    private void handle(Session socket, RoomPass pass, String type, JsonObject m) {
        switch (type) {
            case "ping" -> send(socket, Json.createObjectBuilder().add("type", "pong").add("n", m.getInt("n", 0)));
            case "join" -> join(socket, pass);
            case "leave" -> {
                RoomResult r = rooms.leave(pass);
                tellCall(pass, Json.createObjectBuilder().add("type", "peer-left").add("id", pass.attendeeId()));
                publish(pass.visitId(), r);
            }
            case "signal" -> {
                String to = m.getString("to");
                rooms.checkRelay(pass, to);
                JsonValue data = m.get("data");
                Session target = visitSockets(pass.visitId()).get(to);
                if (target != null && data != null) {
                    send(target, Json.createObjectBuilder().add("type", "signal").add("from", pass.attendeeId())
                            .add("data", data));
                }
            }
            case "admit" -> publish(pass.visitId(), rooms.admit(pass, m.getString("id"), id -> tellAdmitted(pass, id)));
            case "admit-all" -> publish(pass.visitId(), rooms.admitAll(pass, id -> tellAdmitted(pass, id)));
            case "remove" -> remove(pass, m.getString("id"));
            case "end" -> end(pass);
            case "device-test" -> {
                publish(pass.visitId(), rooms.deviceTest(pass, DeviceTestWords.of(m.getJsonObject("result"))));
                send(socket, Json.createObjectBuilder().add("type", "device-test-recorded"));
            }
            case "stats" -> stats(pass, m);
            default -> throw new RoomRefusedException("UNKNOWN_MESSAGE", "This message is not understood.");
        }
    }

    private void join(Session socket, RoomPass pass) {
        RoomResult r = rooms.joinCall(pass);
        JsonArrayBuilder peers = Json.createArrayBuilder();
        List<AttendeeView> everyone = rooms.snapshot(pass.visitId()).changed();
        for (String id : rooms.othersInCall(pass)) {
            peers.add(Json.createObjectBuilder().add("id", id).add("name", nameOf(everyone, id)));
        }
        send(socket, Json.createObjectBuilder().add("type", "call").add("self", pass.attendeeId()).add("peers", peers));
        tellCall(pass, Json.createObjectBuilder().add("type", "peer-joined").add("id", pass.attendeeId())
                .add("name", nameOf(r.changed(), pass.attendeeId())));
        publish(pass.visitId(), r);
    }

    private void tellAdmitted(RoomPass by, String attendeeId) {
        Session target = visitSockets(by.visitId()).get(attendeeId);
        if (target != null) {
            send(target, Json.createObjectBuilder().add("type", "admitted"));
        }
    }

    private void remove(RoomPass by, String attendeeId) {
        RoomResult r = rooms.remove(by, attendeeId);
        Session target = visitSockets(by.visitId()).remove(attendeeId);
        if (target != null) {
            send(target, Json.createObjectBuilder().add("type", "removed"));
            close(target, REMOVED, "removed");
        }
        for (String id : rooms.othersInCall(by)) {
            sendTo(by.visitId(), id, Json.createObjectBuilder().add("type", "peer-left").add("id", attendeeId));
        }
        publish(by.visitId(), r);
    }

    private void end(RoomPass by) {
        RoomResult r = rooms.end(by);
        publish(by.visitId(), r);
        rooms.forget(by.visitId()); // an ended visit's room is rebuilt, ended, from the database if asked again
        Map<String, Session> all = sockets.remove(by.visitId());
        if (all != null) {
            for (Session s : all.values()) {
                send(s, Json.createObjectBuilder().add("type", "ended"));
                close(s, ENDED, "visit ended");
            }
        }
    }

    private void stats(RoomPass pass, JsonObject m) {
        if (!rooms.inCall(pass)) {
            throw new RoomRefusedException("NOT_IN_CALL", "Call figures come only from people in the call.");
        }
        QualitySample sample = new QualitySample(number(m, "rtt"), number(m, "jitter"), number(m, "loss"),
                number(m, "fps"), number(m, "bitrate"));
        quality.record(pass.visitId(), pass.attendeeId(), pass.role(), sample);
        JsonObjectBuilder q = Json.createObjectBuilder().add("type", "quality").add("id", pass.attendeeId())
                .add("level", sample.level().name());
        addIfPresent(q, "rtt", sample.rttMs());
        addIfPresent(q, "jitter", sample.jitterMs());
        addIfPresent(q, "loss", sample.lossPercent());
        addIfPresent(q, "fps", sample.fps());
        addIfPresent(q, "bitrate", sample.bitrateKbps());
        tellClinicians(pass.visitId(), q.build().toString());
    }

    /** Every clinician socket of the visit gets the recorded events, then the attendees as they are now. */
    private void publish(UUID visitId, RoomResult r) {
        StringBuilder messages = new StringBuilder();
        for (VisitEventRecorded e : r.events()) {
            JsonObjectBuilder event = Json.createObjectBuilder().add("type", "event").add("sequence", e.sequence())
                    .add("event", e.type().name()).add("at", e.occurredAt().toString());
            addIfPresent(event, "role", e.attendeeRole() == null ? null : e.attendeeRole().name());
            addIfPresent(event, "attendee", e.attendeeId());
            addIfPresent(event, "detail", e.detail());
            tellClinicians(visitId, event.build().toString());
        }
        if (r.ended()) {
            tellClinicians(visitId, Json.createObjectBuilder().add("type", "room").add("ended", true)
                    .add("attendees", attendees(rooms.snapshot(visitId).changed())).build().toString());
            return;
        }
        for (AttendeeView a : r.changed()) {
            tellClinicians(visitId, attendee(a).add("type", "attendee").build().toString());
        }
    }

    private static JsonArrayBuilder attendees(List<AttendeeView> all) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        all.forEach(a -> list.add(attendee(a)));
        return list;
    }

    private static JsonObjectBuilder attendee(AttendeeView a) {
        return Json.createObjectBuilder().add("id", a.id()).add("role", a.role().name()).add("name", a.displayName())
                .add("state", a.state().name()).add("words", a.state().words());
    }

    private void tellClinicians(UUID visitId, String json) {
        for (Session s : visitSockets(visitId).values()) {
            RoomPass p = (RoomPass) s.getUserProperties().get(PASS);
            if (p != null && p.isClinician()) {
                sendText(s, json);
            }
        }
    }

    /** Everyone else in the call of the pass's visit. */
    private void tellCall(RoomPass pass, JsonObjectBuilder message) {
        String json = message.build().toString();
        for (String id : rooms.othersInCall(pass)) {
            Session s = visitSockets(pass.visitId()).get(id);
            if (s != null) {
                sendText(s, json);
            }
        }
    }

    private void sendTo(UUID visitId, String attendeeId, JsonObjectBuilder message) {
        Session s = visitSockets(visitId).get(attendeeId);
        if (s != null) {
            send(s, message);
        }
    }

    private void refuse(Session socket, RoomPass pass, String type, RoomRefusedException e) {
        LOG.warning(() -> "Signalling refused: " + e.reasonCode() + " (" + safe(type) + ") in visit " + pass.visitId()
                + " from attendee " + pass.attendeeId() + " (" + pass.role() + ")");
        send(socket, Json.createObjectBuilder().add("type", "refused").add("code", e.reasonCode())
                .add("about", safe(type)).add("message", e.getMessage()));
    }

    private void closeSilentSockets() {
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

    private JsonArrayBuilder iceServers() {
        JsonArrayBuilder servers = Json.createArrayBuilder();
        for (String url : iceServerUrls.orElse("").split(",")) {
            String u = url.strip();
            if (u.isEmpty()) {
                continue;
            }
            JsonObjectBuilder server = Json.createObjectBuilder().add("urls", u);
            if (u.startsWith("turn") && turnUsername.isPresent() && turnCredential.isPresent()) {
                server.add("username", turnUsername.get()).add("credential", turnCredential.get());
            }
            servers.add(server);
        }
        return servers;
    }

    private ConcurrentMap<String, Session> visitSockets(UUID visitId) {
        return sockets.computeIfAbsent(visitId, id -> new ConcurrentHashMap<>());
    }

    private static AttendeeState stateOf(RoomResult r, String attendeeId) {
        return r.changed().stream().filter(a -> a.id().equals(attendeeId)).map(AttendeeView::state).findFirst()
                .orElse(AttendeeState.LEFT);
    }

    private static String nameOf(List<AttendeeView> attendees, String attendeeId) {
        return attendees.stream().filter(a -> a.id().equals(attendeeId)).map(AttendeeView::displayName)
                .findFirst().orElse("Participant");
    }

    private static Double number(JsonObject m, String key) {
        JsonValue v = m.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static void addIfPresent(JsonObjectBuilder b, String key, Double value) {
        if (value != null) {
            b.add(key, Math.round(value * 10) / 10.0);
        }
    }

    private static void addIfPresent(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    private static String safe(String type) {
        return type.length() > 24 ? type.substring(0, 24) : type.replaceAll("[^A-Za-z-]", "?");
    }

    private static void send(Session socket, JsonObjectBuilder message) {
        sendText(socket, message.build().toString());
    }

    /** One sender at a time per socket (a socket's basic remote is not for concurrent use). */
    private static void sendText(Session socket, String json) {
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

    private static void close(Session socket, CloseReason.CloseCode code, String why) {
        try {
            socket.close(new CloseReason(code, why));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "A signalling socket could not be closed", e);
        }
    }
}
