package org.openvisit.room.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The live room of one visit: its attendees and what each may do. Clinicians admit, remove and end;
 * patients and guests wait in the lobby until admitted. The call is a mesh of browsers, so at most
 * {@link #MAX_IN_CALL} people are in it at once, until the room moves to a selective forwarding unit
 * ({@link #moveToSfu(int, int)}: more people admitted than a mesh carries), where it holds the SFU's limit of people
 * with video; beyond that, up to the SFU's limit in all, patients and guests join watching (they receive the
 * clinicians' video and audio and send nothing). Clinicians always join with video. Each transition returns the visit events it means
 * (to be recorded in the visit's event stream) or throws {@link RoomRefusedException} and changes
 * nothing. Not thread-safe on its own: callers hold the visit's lock (the data grid's, across nodes) and keep the
 * room between steps as its {@link #snapshot()}.
 */
public final class Room {

    /** A browser mesh sends every stream to every peer; beyond four the uplinks of home connections give out. */
    public static final int MAX_IN_CALL = 4;

    private final UUID visitId;
    private final Map<String, Attendee> attendees = new LinkedHashMap<>();
    private boolean ended;
    /** 0 while the call is a mesh; the most people in the call once it moved to the SFU (it stays there). */
    private int sfuLimit;
    /** 0 while the call is a mesh; the most people in the SFU call in all, those beyond {@code sfuLimit} watching. */
    private int watchLimit;

    public Room(UUID visitId) {
        this.visitId = Objects.requireNonNull(visitId, "visitId");
    }

    public UUID visitId() {
        return visitId;
    }

    /** The room as plain values (for the data grid). */
    public RoomSnapshot snapshot() {
        return new RoomSnapshot(visitId, ended, attendees.values().stream()
                .map(a -> new RoomSnapshot.Entry(a.id(), a.role(), a.state(), a.admitted(), a.socketId(), a.joinLinkId(),
                        a.watchTurn()))
                .toList(), sfuLimit, watchLimit);
    }

    /** The room a {@link #snapshot()} was taken of. */
    public static Room restore(RoomSnapshot snapshot) {
        Room room = new Room(snapshot.visitId());
        room.ended = snapshot.ended();
        room.sfuLimit = snapshot.sfuLimit();
        room.watchLimit = Math.max(snapshot.watchLimit(), snapshot.sfuLimit()); // an entry kept before watching existed
        for (RoomSnapshot.Entry e : snapshot.attendees()) {
            Attendee a = new Attendee(e.id(), e.role());
            a.state(e.state());
            if (e.admitted()) {
                a.admit();
            }
            a.socket(e.socketId());
            a.joinLink(e.joinLinkId());
            a.watch(e.watchTurn());
            room.attendees.put(a.id(), a);
        }
        return room;
    }

    /** The attendees whose open page is on a socket whose id starts with {@code prefix} (a node's sockets). */
    public List<Attendee> connectedThrough(String prefix) {
        return attendees.values().stream().filter(a -> a.socketId() != null && a.socketId().startsWith(prefix)).toList();
    }

    public boolean ended() {
        return ended;
    }

    public Optional<Attendee> attendee(String attendeeId) {
        return Optional.ofNullable(attendees.get(attendeeId));
    }

    public List<AttendeeView> attendees() {
        return attendees.values().stream().map(Attendee::view).toList();
    }

    public List<Attendee> inCall() {
        return attendees.values().stream().filter(a -> a.state() == AttendeeState.IN_CALL).toList();
    }

    /**
     * A page of this attendee opened its socket. A patient or guest seen for the first time (or back
     * without having been admitted) waits in the lobby; one admitted before comes back admitted; a
     * newer socket replaces an older one (a reload).
     */
    public List<RoomChange> connect(String attendeeId, AttendeeRole role, String socketId) {
        return connect(attendeeId, role, null, socketId);
    }

    /** As {@link #connect(String, AttendeeRole, String)}, noting the join link the attendee came by (if any). */
    public List<RoomChange> connect(String attendeeId, AttendeeRole role, String joinLinkId, String socketId) {
        refuseIfEnded();
        Attendee a = attendees.get(attendeeId);
        if (a == null) {
            a = new Attendee(attendeeId, role);
            attendees.put(attendeeId, a);
        } else if (a.role() != role) {
            throw new RoomRefusedException("WRONG_ROLE", "This attendee has another role in this visit.");
        }
        if (a.state() == AttendeeState.REMOVED) {
            throw new RoomRefusedException("REMOVED", "A clinician removed you from this visit.");
        }
        if (joinLinkId != null) {
            a.joinLink(joinLinkId);
        }
        boolean wasPresent = a.state().isPresent();
        a.socket(Objects.requireNonNull(socketId, "socketId"));
        if (a.state() == AttendeeState.IN_CALL) {
            a.state(AttendeeState.ADMITTED); // the new page enters the call again
        } else if (!wasPresent) {
            a.state(a.admitted() ? AttendeeState.ADMITTED : AttendeeState.WAITING);
        }
        if (!wasPresent && !a.admitted()) {
            return List.of(change(VisitEventType.LOBBY_JOINED, a, null));
        }
        return List.of();
    }

    /** A clinician lets a waiting patient or guest into the call. */
    public List<RoomChange> admit(String byId, String attendeeId) {
        refuseIfEnded();
        Attendee by = clinician(byId);
        Attendee a = known(attendeeId);
        if (a.state() != AttendeeState.WAITING) {
            throw new RoomRefusedException("NOT_WAITING", "This person is not waiting in the lobby.");
        }
        a.admit();
        a.state(AttendeeState.ADMITTED);
        return List.of(change(VisitEventType.ADMITTED, a, "admitted by " + by.displayName().toLowerCase()));
    }

    /** A clinician lets everyone who waits into the call. */
    public List<RoomChange> admitAll(String byId) {
        refuseIfEnded();
        clinician(byId);
        List<RoomChange> changes = new ArrayList<>();
        for (Attendee a : attendees.values()) {
            if (a.state() == AttendeeState.WAITING) {
                changes.addAll(admit(byId, a.id()));
            }
        }
        return changes;
    }

    /**
     * An admitted attendee's page enters the call (its media connects). In a mesh call at most {@link #MAX_IN_CALL}
     * people; on the SFU, a patient or guest who finds every place with video taken joins watching while the call
     * holds fewer than its limit in all; a clinician always joins with video (their picture is what watchers see).
     */
    public List<RoomChange> joinCall(String attendeeId) {
        refuseIfEnded();
        Attendee a = known(attendeeId);
        if (a.state() == AttendeeState.IN_CALL) {
            return List.of();
        }
        if (a.state() != AttendeeState.ADMITTED) {
            throw new RoomRefusedException("NOT_ADMITTED", "Wait until a clinician lets you in.");
        }
        int limit = onSfu() ? watchLimit : MAX_IN_CALL;
        if (inCall().size() >= limit) {
            throw new RoomRefusedException("CALL_FULL", "The call is full (at most " + limit + " people).");
        }
        boolean stageFull = onSfu() && withVideo().size() >= sfuLimit;
        a.state(AttendeeState.IN_CALL);
        a.watch(stageFull && !a.role().isClinician() ? nextWatchTurn() : 0);
        return List.of(change(VisitEventType.CONNECTED, a, null));
    }

    /**
     * Places with video freed (someone with video left, was removed or lost their connection): the patients and guests
     * who have watched longest take them. Answers who now has video.
     */
    public List<String> promoteWatchers() {
        List<String> promoted = new ArrayList<>();
        if (!onSfu() || ended) {
            return promoted;
        }
        int withVideo = withVideo().size();
        List<Attendee> watchers = attendees.values().stream().filter(a -> a.state() == AttendeeState.IN_CALL && a.watching())
                .sorted(java.util.Comparator.comparingInt(Attendee::watchTurn)).toList();
        for (Attendee a : watchers) {
            if (withVideo >= sfuLimit) {
                break;
            }
            a.watch(0);
            promoted.add(a.id());
            withVideo++;
        }
        return promoted;
    }

    /** The turn of the next person to begin watching: after everyone watching now. */
    private int nextWatchTurn() {
        return attendees.values().stream().mapToInt(Attendee::watchTurn).max().orElse(0) + 1;
    }

    /** The people in the call who send their video and audio (everyone in it, but those only watching). */
    public List<Attendee> withVideo() {
        return attendees.values().stream().filter(a -> a.state() == AttendeeState.IN_CALL && !a.watching()).toList();
    }

    /**
     * The attendee leaves the call on purpose. A clinician's visit page stays open (admitted, out of the
     * call); a patient's or guest's page closes.
     */
    public List<RoomChange> leave(String attendeeId) {
        Attendee a = known(attendeeId);
        if (!a.state().isPresent()) {
            return List.of();
        }
        if (a.role().isClinician()) {
            if (a.state() != AttendeeState.IN_CALL) {
                return List.of();
            }
            a.state(AttendeeState.ADMITTED);
        } else {
            a.state(AttendeeState.LEFT);
            a.socket(null);
        }
        return List.of(change(VisitEventType.LEFT, a, null));
    }

    /**
     * The attendee's socket went away (closed tab, lost network, heartbeat timeout). Ignored when a
     * newer socket already speaks for them (a reload opens the new page before the old one closes).
     */
    public List<RoomChange> disconnect(String attendeeId, String socketId) {
        Attendee a = attendees.get(attendeeId);
        if (a == null || socketId == null || !socketId.equals(a.socketId())) {
            return List.of();
        }
        a.socket(null);
        if (!a.state().isPresent()) {
            return List.of();
        }
        a.state(AttendeeState.LEFT);
        return List.of(change(VisitEventType.DISCONNECTED, a, null));
    }

    /** A clinician removes a patient or guest: they cannot come back with the same session. */
    public List<RoomChange> remove(String byId, String attendeeId) {
        refuseIfEnded();
        Attendee by = clinician(byId);
        Attendee a = known(attendeeId);
        if (a.role().isClinician()) {
            throw new RoomRefusedException("FORBIDDEN", "Clinicians cannot be removed from a visit.");
        }
        if (a.state() == AttendeeState.REMOVED) {
            return List.of();
        }
        a.state(AttendeeState.REMOVED);
        a.socket(null);
        return List.of(change(VisitEventType.REMOVED, a, "removed by " + by.displayName().toLowerCase()));
    }

    /** A clinician ends the visit: nobody can join any more. The caller records VISIT_ENDED. */
    public void end(String byId) {
        refuseIfEnded();
        clinician(byId);
        markEnded();
    }

    /** The visit ended elsewhere (another page, the API): the room closes. */
    public void markEnded() {
        ended = true;
        for (Attendee a : attendees.values()) {
            if (a.state().isPresent()) {
                a.state(AttendeeState.LEFT);
            }
            a.socket(null);
        }
    }

    /** Whether the call goes through the SFU (it moved there and stays until the visit ends). */
    public boolean onSfu() {
        return sfuLimit > 0;
    }

    /** The ids of the people admitted and present now (in the call or about to enter it): who uses the call's media. */
    public List<String> admittedPresent() {
        return attendees.values().stream()
                .filter(a -> a.state() == AttendeeState.ADMITTED || a.state() == AttendeeState.IN_CALL)
                .map(Attendee::id).toList();
    }

    /** As {@link #moveToSfu(int, int)} with nobody watching: the call holds {@code callLimit} people, all with video. */
    public List<String> moveToSfu(int callLimit) {
        return moveToSfu(callLimit, callLimit);
    }

    /**
     * The call moves from the browser mesh to the SFU, which holds {@code callLimit} people with video (more than the
     * mesh) and {@code watchLimit} in all, those beyond {@code callLimit} watching; it stays there until the visit
     * ends. Answers who must move (the people admitted and present).
     */
    public List<String> moveToSfu(int callLimit, int watchLimit) {
        refuseIfEnded();
        if (callLimit <= MAX_IN_CALL) {
            throw new IllegalArgumentException("An SFU call holds more than the mesh's " + MAX_IN_CALL + " people.");
        }
        if (watchLimit < callLimit) {
            throw new IllegalArgumentException("An SFU call holds at least its " + callLimit + " people with video.");
        }
        if (!onSfu()) {
            sfuLimit = callLimit;
            this.watchLimit = watchLimit;
        }
        return admittedPresent();
    }

    /** The attendee's device test finished: what worked, in plain words. */
    public List<RoomChange> deviceTest(String attendeeId, String result) {
        refuseIfEnded();
        Attendee a = known(attendeeId);
        return List.of(change(VisitEventType.DEVICE_TEST, a, result));
    }

    /** Whether {@code fromId} may send call signalling (offers, answers, candidates) to {@code toId}. */
    public void checkRelay(String fromId, String toId) {
        Attendee from = known(fromId);
        Attendee to = attendees.get(toId);
        if (from.state() != AttendeeState.IN_CALL || to == null || to.state() != AttendeeState.IN_CALL
                || from == to) {
            throw new RoomRefusedException("NOT_IN_CALL", "Signalling goes only between people in the call.");
        }
    }

    private Attendee known(String attendeeId) {
        Attendee a = attendeeId == null ? null : attendees.get(attendeeId);
        if (a == null) {
            throw new RoomRefusedException("NOT_IN_ROOM", "There is no such attendee in this visit.");
        }
        return a;
    }

    private Attendee clinician(String byId) {
        Attendee by = known(byId);
        if (!by.role().isClinician()) {
            throw new RoomRefusedException("FORBIDDEN", "Only a clinician of this visit may do this.");
        }
        if (!by.state().isPresent()) {
            throw new RoomRefusedException("NOT_PRESENT", "Open the visit page to do this.");
        }
        return by;
    }

    private void refuseIfEnded() {
        if (ended) {
            throw new RoomRefusedException("ENDED", "This visit has ended.");
        }
    }

    private static RoomChange change(VisitEventType type, Attendee a, String detail) {
        return new RoomChange(type, a.id(), a.role(), detail);
    }
}
