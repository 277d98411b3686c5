package org.openvisit.room.interfaces.websocket;

import org.openvisit.shared.infrastructure.Jsons;
import org.openvisit.shared.infrastructure.LogText;
import org.openvisit.shared.infrastructure.QuietLog;
import jakarta.ejb.EJB;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.openvisit.room.application.RoomPass;
import org.openvisit.room.application.RoomResult;
import org.openvisit.room.application.RoomService;
import org.openvisit.room.application.SfuRooms;
import org.openvisit.room.application.SfuUnavailableException;
import org.openvisit.room.application.VisitChannel;
import org.openvisit.room.domain.model.AttendeeState;
import org.openvisit.room.domain.model.AttendeeView;
import org.openvisit.room.domain.model.RoomRefusedException;
import org.openvisit.visit.application.CallQualityService;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.VisitEventType;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * What the signalling sockets' messages do ({@link SignalSockets} holds the sockets). Lobby
 * sockets hear only "admitted", "removed" and "ended" (and answers to their own messages); people in
 * the call hear who joins and leaves and the WebRTC signalling addressed to them; clinicians' sockets
 * also get every recorded visit event and the room's attendees, live. Every refusal is answered with
 * a "refused" message, logged, and changes nothing. SDP and candidates are relayed, never logged.
 */
@ApplicationScoped
public class SignalHub {

    static final int MAX_MESSAGE = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(SignalHub.class.getName());
    /** A page (or a script) can send refused messages at will: a few lines a minute per refusal, the rest counted. */
    private static final QuietLog REFUSALS = new QuietLog(LOG, 20);
    /** An SFU that is down is tried at each admission: a few lines a minute. */
    private static final QuietLog SFU_FAILURES = new QuietLog(LOG, 5);

    @Inject
    private RoomService rooms;

    @EJB
    private CallQualityService quality;

    @Inject
    private SignalSockets sockets;

    @Inject
    private IceServers iceServers;

    @Inject
    private VisitChannel channel;

    @Resource
    private ManagedExecutorService executor;

    /** From the start, hear of nodes leaving the cluster (work on them off the grid's event thread). */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        rooms.whenNodeLeaves(nodeId -> executor.execute(() -> nodeLeft(nodeId)));
    }

    void open(Session socket, RoomPass pass) throws IOException {
        sockets.bind(socket, pass);
        RoomResult result;
        try {
            result = rooms.connect(pass, sockets.clusterId(socket));
        } catch (RoomRefusedException e) {
            REFUSALS.warning("open " + e.reasonCode(), () -> "Signalling socket refused: " + e.reasonCode()
                    + " for visit " + pass.visitId() + " attendee " + pass.attendeeId());
            String type = switch (e.reasonCode()) {
                case "ENDED" -> "ended";
                case "REMOVED" -> "removed";
                default -> "refused";
            };
            send(socket, Jsons.createObjectBuilder().add("type", type).add("code", e.reasonCode())
                    .add("message", e.getMessage()));
            SignalSockets.unbind(socket); // nothing it says before the close counts
            sockets.closeAfterOpen(socket, closeCodeFor(e.reasonCode()), e.reasonCode());
            return;
        }
        if (result.ended()) { // the visit was ended elsewhere; the room learned it at this step
            send(socket, Jsons.createObjectBuilder().add("type", "ended"));
            SignalSockets.unbind(socket);
            sockets.closeAfterOpen(socket, SignalSockets.ENDED, "visit ended");
            publish(pass.visitId(), result);
            return;
        }
        sockets.register(pass, socket);
        AttendeeState state = stateOf(result, pass.attendeeId());
        send(socket, Jsons.createObjectBuilder().add("type", "hello").add("self", pass.attendeeId())
                .add("role", pass.role().name()).add("state", state.name()).add("iceServers", iceServers.asJson()));
        if (pass.isClinician()) {
            RoomResult all = rooms.snapshot(pass.visitId());
            sendText(socket, Jsons.createObjectBuilder().add("type", "room").add("ended", all.ended())
                    .add("attendees", attendees(all.changed())).build().toString());
        }
        publish(pass.visitId(), result);
        if (state == AttendeeState.ADMITTED) { // back in a room on the SFU, or one admitted person too many
            moveToSfu(pass.visitId(), List.of(pass.attendeeId()));
        }
    }

    /**
     * How a socket refused at its opening is closed: a busy room (another step held it longer than a step waits) with
     * 1013, try again later, on which the page opens its socket again after a short while; every other refusal with
     * 1008, which the page takes as final.
     */
    static CloseReason.CloseCode closeCodeFor(String reasonCode) {
        return RoomRefusedException.BUSY.equals(reasonCode) ? CloseReason.CloseCodes.TRY_AGAIN_LATER : CloseReason.CloseCodes.VIOLATED_POLICY;
    }

    void closed(Session socket) {
        RoomPass pass = SignalSockets.pass(socket);
        if (pass == null) {
            return; // refused at the handshake
        }
        sockets.unregister(pass, socket);
        try {
            RoomResult result = rooms.disconnect(pass, sockets.clusterId(socket));
            if (!result.events().isEmpty()) {
                tellCall(pass, Jsons.createObjectBuilder().add("type", "peer-left").add("id", pass.attendeeId()));
                publish(pass.visitId(), result);
            }
        } catch (RoomRefusedException e) {
            LOG.fine(() -> "Disconnect of a visit without a room: " + e.reasonCode());
        }
    }

    void message(Session socket, String text) {
        RoomPass pass = SignalSockets.pass(socket);
        if (pass == null) {
            return;
        }
        SignalSockets.heard(socket);
        JsonObject m;
        try {
            m = SignalFrame.read(text);
        } catch (RoomRefusedException e) {
            refuse(socket, pass, "?", e);
            return;
        }
        String type = SignalFrame.type(m);
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
            case "ping" -> send(socket, Jsons.createObjectBuilder().add("type", "pong").add("n", m.getInt("n", 0)));
            case "join" -> join(socket, pass);
            case "leave" -> {
                RoomResult r = rooms.leave(pass);
                tellCall(pass, Jsons.createObjectBuilder().add("type", "peer-left").add("id", pass.attendeeId()));
                publish(pass.visitId(), r);
            }
            case "signal" -> {
                String to = m.getString("to");
                rooms.checkRelay(pass, to);
                JsonValue data = m.get("data");
                if (data != null) { // to whichever node holds the peer's socket
                    sockets.publish(pass.visitId(), Envelope.attendee(to, Jsons.createObjectBuilder()
                            .add("type", "signal").add("from", pass.attendeeId()).add("data", data).build().toString()));
                }
            }
            case "admit" -> admit(pass, m.getString("id"), false);
            case "admit-all" -> admit(pass, null, true);
            case "remove" -> remove(pass, m.getString("id"));
            case "end" -> end(pass);
            case "device-test" -> {
                publish(pass.visitId(), rooms.deviceTest(pass, SignalFrame.deviceTestWords(m)));
                send(socket, Jsons.createObjectBuilder().add("type", "device-test-recorded"));
            }
            case "stats" -> stats(pass, m);
            case "media" -> media(pass, m);
            default -> throw new RoomRefusedException("UNKNOWN_MESSAGE", "This message is not understood.");
        }
    }

    /**
     * The page enters the call: it hears who is in it (with their roles) and whether it only watches (a group visit
     * whose places with video are taken: it subscribes to the clinicians alone and sends nothing); the others hear it
     * joined.
     */
    private void join(Session socket, RoomPass pass) {
        RoomResult r = rooms.joinCall(pass);
        JsonArrayBuilder peers = Jsons.createArrayBuilder();
        List<AttendeeView> everyone = rooms.snapshot(pass.visitId()).changed();
        for (String id : rooms.othersInCall(pass)) {
            AttendeeView peer = viewOf(everyone, id);
            JsonObjectBuilder p = Jsons.createObjectBuilder().add("id", id).add("name", nameOf(everyone, id));
            if (peer != null) {
                p.add("role", peer.role().name()).add("watching", peer.watching());
            }
            peers.add(p);
        }
        AttendeeView self = viewOf(everyone, pass.attendeeId());
        boolean watching = self != null && self.watching();
        send(socket, Jsons.createObjectBuilder().add("type", "call").add("self", pass.attendeeId())
                .add("watching", watching).add("peers", peers));
        tellCall(pass, Jsons.createObjectBuilder().add("type", "peer-joined").add("id", pass.attendeeId())
                .add("name", nameOf(r.changed(), pass.attendeeId())).add("role", pass.role().name())
                .add("watching", watching));
        publish(pass.visitId(), r);
    }

    private static AttendeeView viewOf(List<AttendeeView> attendees, String attendeeId) {
        return attendees.stream().filter(a -> a.id().equals(attendeeId)).findFirst().orElse(null);
    }

    /** A clinician admits one person or everyone waiting; in a group visit, the admitted may move the call to the SFU. */
    private void admit(RoomPass by, String attendeeId, boolean all) {
        List<String> admitted = new java.util.ArrayList<>();
        boolean sfu = rooms.sfuEnabled(); // then the SFU access goes out before "admitted": the page enters the right call
        java.util.function.Consumer<String> tell = id -> {
            admitted.add(id);
            if (!sfu) {
                tellAdmitted(by, id);
            }
        };
        publish(by.visitId(), all ? rooms.admitAll(by, tell) : rooms.admit(by, attendeeId, tell));
        if (sfu) {
            moveToSfu(by.visitId(), admitted);
            admitted.forEach(id -> tellAdmitted(by, id));
        }
    }

    /**
     * Tells each person who must now publish to and subscribe from the SFU their own access (a {@code sfu} message to
     * their socket alone: the token is for that browser only, never logged). When the SFU cannot be reached the call
     * stays a mesh and the clinicians' pages say so ({@code notice SFU_UNAVAILABLE}).
     */
    private void moveToSfu(UUID visitId, List<String> admittedNow) {
        if (admittedNow.isEmpty()) {
            return;
        }
        java.util.Map<String, SfuRooms.SfuAccess> access;
        try {
            access = rooms.sfuFor(visitId, admittedNow);
        } catch (SfuUnavailableException e) {
            SFU_FAILURES.warning("sfu", () -> "Visit " + visitId + ": the call cannot move to the SFU: " + e.getMessage());
            tellClinicians(visitId, Jsons.createObjectBuilder().add("type", "notice").add("code", "SFU_UNAVAILABLE")
                    .build().toString());
            return;
        }
        access.forEach((id, a) -> sockets.publish(visitId, Envelope.attendee(id, Jsons.createObjectBuilder()
                .add("type", "sfu").add("url", a.url()).add("room", a.room()).add("participant", a.participant())
                .add("token", a.token()).build().toString())));
    }

    private void tellAdmitted(RoomPass by, String attendeeId) {
        sockets.publish(by.visitId(), Envelope.attendee(attendeeId,
                Jsons.createObjectBuilder().add("type", "admitted").build().toString()));
    }

    /**
     * A clinician removes someone. As soon as the room has them removed, before the event is stored: their page hears
     * "removed" and its socket closes, and every page still in the call, the remover's too, drops them
     * ({@code peer-left}: the mesh connection or the SFU subscription closes at once, without waiting for the
     * connection to fail or for the SFU's own notice). Then the clinicians' pages get the event and the new state.
     */
    private void remove(RoomPass by, String attendeeId) {
        RoomResult r = rooms.remove(by, attendeeId, inCall -> {
            sockets.publish(by.visitId(), Envelope.attendee(attendeeId,
                    Jsons.createObjectBuilder().add("type", "removed").build().toString())
                    .thenClose(SignalSockets.REMOVED.getCode()));
            if (!inCall.isEmpty()) {
                sockets.publish(by.visitId(), Envelope.attendees(inCall, Jsons.createObjectBuilder()
                        .add("type", "peer-left").add("id", attendeeId).build().toString()));
            }
        });
        publish(by.visitId(), r);
    }

    private void end(RoomPass by) {
        RoomResult r = rooms.end(by);
        publish(by.visitId(), r);
        rooms.forget(by.visitId()); // an ended visit's room is rebuilt, ended, from the database if asked again
        sockets.publish(by.visitId(), Envelope.allThenClose(
                Jsons.createObjectBuilder().add("type", "ended").build().toString(), SignalSockets.ENDED.getCode()));
        channel.release(by.visitId());
    }

    /**
     * A node left the cluster (stopped, killed, cut off): in every live room, whoever had their page on one of its
     * sockets is disconnected, and the others see them leave. Every remaining node does this; the room's lock makes
     * the second one find nothing left to do, so each disconnection is recorded once.
     */
    void nodeLeft(String nodeId) {
        LOG.info(() -> "Data grid member " + nodeId + " left: disconnecting the attendees whose pages it held");
        for (UUID visitId : rooms.liveVisits()) {
            try {
                RoomResult r = rooms.disconnectNode(visitId, nodeId + "/");
                if (r.events().isEmpty()) {
                    continue;
                }
                List<String> inCall = inCall(visitId);
                for (AttendeeView gone : r.changed()) {
                    if (!inCall.isEmpty()) {
                        sockets.publish(visitId, Envelope.attendees(inCall, Jsons.createObjectBuilder()
                                .add("type", "peer-left").add("id", gone.id()).build().toString()));
                    }
                }
                publish(visitId, r);
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, "Visit " + visitId + ": the attendees of a node that left"
                        + " could not be disconnected", e);
            }
        }
    }

    /** Everyone in the visit's call now. */
    private List<String> inCall(UUID visitId) {
        return rooms.snapshot(visitId).changed().stream().filter(a -> a.state() == AttendeeState.IN_CALL)
                .map(AttendeeView::id).toList();
    }

    /**
     * Someone's microphone or camera went on or off: the others in the call show it on that person's tile. Only from
     * the call, two booleans, at most {@code openvisit.rooms.limit.media-states-per-minute}; recorded nowhere.
     */
    private void media(RoomPass pass, JsonObject m) {
        if (!rooms.inCall(pass)) {
            throw new RoomRefusedException("NOT_IN_CALL", "Only people in the call tell their microphone and camera.");
        }
        SignalFrame.MediaState state = SignalFrame.mediaState(m);
        rooms.takeMedia(pass);
        tellCall(pass, Jsons.createObjectBuilder().add("type", "media").add("id", pass.attendeeId())
                .add("audio", state.audio()).add("video", state.video()));
    }

    private void stats(RoomPass pass, JsonObject m) {
        if (!rooms.inCall(pass)) {
            throw new RoomRefusedException("NOT_IN_CALL", "Call figures come only from people in the call.");
        }
        QualitySample sample = SignalFrame.figures(m);
        quality.record(pass.visitId(), pass.attendeeId(), pass.role(), sample);
        JsonObjectBuilder q = Jsons.createObjectBuilder().add("type", "quality").add("id", pass.attendeeId())
                .add("level", sample.level().name());
        addIfPresent(q, "rtt", sample.rttMs());
        addIfPresent(q, "jitter", sample.jitterMs());
        addIfPresent(q, "loss", sample.lossPercent());
        addIfPresent(q, "fps", sample.fps());
        addIfPresent(q, "bitrate", sample.bitrateKbps());
        addIfPresent(q, "route", sample.route() == null ? null : sample.route().name());
        tellClinicians(pass.visitId(), q.build().toString());
    }

    /**
     * Every clinician socket of the visit gets the recorded events, then the attendees as they are now. When the step
     * gave people who watched a place with video, everyone in the call hears it ({@code watching} false): the promoted
     * page turns its camera and microphone on and publishes, the others subscribe to it.
     */
    private void publish(UUID visitId, RoomResult r) {
        if (!r.promoted().isEmpty() && !r.ended()) {
            List<String> inCall = inCall(visitId);
            for (String id : r.promoted()) {
                sockets.publish(visitId, Envelope.attendees(inCall, Jsons.createObjectBuilder().add("type", "watching")
                        .add("id", id).add("watching", false).build().toString()));
            }
        }
        StringBuilder messages = new StringBuilder();
        for (VisitEventRecorded e : r.events()) {
            JsonObjectBuilder event = Jsons.createObjectBuilder().add("type", "event").add("sequence", e.sequence())
                    .add("event", e.type().name()).add("at", e.occurredAt().toString());
            addIfPresent(event, "role", e.attendeeRole() == null ? null : e.attendeeRole().name());
            addIfPresent(event, "attendee", e.attendeeId());
            addIfPresent(event, "detail", e.detail());
            tellClinicians(visitId, event.build().toString());
        }
        if (r.ended()) {
            tellClinicians(visitId, Jsons.createObjectBuilder().add("type", "room").add("ended", true)
                    .add("attendees", attendees(rooms.snapshot(visitId).changed())).build().toString());
            return;
        }
        for (AttendeeView a : r.changed()) {
            tellClinicians(visitId, attendee(a).add("type", "attendee").build().toString());
        }
    }

    private static JsonArrayBuilder attendees(List<AttendeeView> all) {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        all.forEach(a -> list.add(attendee(a)));
        return list;
    }

    private static JsonObjectBuilder attendee(AttendeeView a) {
        return Jsons.createObjectBuilder().add("id", a.id()).add("role", a.role().name()).add("name", a.displayName())
                .add("state", a.state().name()).add("words", a.state().words()).add("watching", a.watching());
    }

    /** Every clinician socket of the visit, on whichever node it is. */
    private void tellClinicians(UUID visitId, String json) {
        sockets.publish(visitId, Envelope.clinicians(json));
    }

    /** Everyone else in the call of the pass's visit, on whichever node their sockets are. */
    private void tellCall(RoomPass pass, JsonObjectBuilder message) {
        List<String> others = rooms.othersInCall(pass);
        if (!others.isEmpty()) {
            sockets.publish(pass.visitId(), Envelope.attendees(others, message.build().toString()));
        }
    }

    private void refuse(Session socket, RoomPass pass, String type, RoomRefusedException e) {
        REFUSALS.warning(e.reasonCode(), () -> "Signalling refused: " + e.reasonCode() + " (" + safe(type)
                + ") in visit " + pass.visitId() + " from attendee " + pass.attendeeId() + " (" + pass.role() + ")");
        send(socket, Jsons.createObjectBuilder().add("type", "refused").add("code", e.reasonCode())
                .add("about", safe(type)).add("message", e.getMessage()));
    }

    private static AttendeeState stateOf(RoomResult r, String attendeeId) {
        return r.changed().stream().filter(a -> a.id().equals(attendeeId)).map(AttendeeView::state).findFirst()
                .orElse(AttendeeState.LEFT);
    }

    private static String nameOf(List<AttendeeView> attendees, String attendeeId) {
        return attendees.stream().filter(a -> a.id().equals(attendeeId)).map(AttendeeView::displayName)
                .findFirst().orElse("Participant");
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

    /** A message type as the page may send it (letters and dashes); anything else shown as {@code ?}, cut at 24. */
    private static String safe(String type) {
        String cut = type.length() > 24 ? type.substring(0, 24) : type;
        return LogText.of(cut.replaceAll("[^A-Za-z-]", "?"));
    }

    private static void send(Session socket, JsonObjectBuilder message) {
        SignalSockets.send(socket, message);
    }

    private static void sendText(Session socket, String json) {
        SignalSockets.sendText(socket, json);
    }
}
