package org.openvisit.room.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.room.domain.model.Attendee;
import org.openvisit.room.domain.model.AttendeeState;
import org.openvisit.room.domain.model.AttendeeView;
import org.openvisit.room.domain.model.Room;
import org.openvisit.room.domain.model.RoomChange;
import org.openvisit.room.domain.model.RoomRefusedException;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.JoinLinkRevocations;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The rooms live on the node that holds their sockets, in memory (a room is rebuilt empty after a
 * restart: people reconnect and patients are admitted again). Each step runs under its room's lock
 * and records what it means in the visit's event stream (one transaction per event, through
 * {@link VisitEvents}, which numbers them in the visit's order and hands them to write-back), so the
 * stored order is the order things happened in the room.
 */
@ApplicationScoped
public class RoomService {

    private static final Logger LOG = Logger.getLogger(RoomService.class.getName());

    @EJB
    private VisitEvents events;

    @EJB
    private VisitOrchestrationService visits;

    @Inject
    private AttendeeLimits limits;

    @EJB
    private JoinLinkRevocations revocations;

    /** A room in which nobody has been present for this long is dropped from memory. */
    private static final Duration IDLE_ROOM = Duration.ofHours(6);

    private final ConcurrentMap<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, Long> lastUsed = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, ReentrantLock> recording = new ConcurrentHashMap<>();

    /** The visit's room on this node, made on first use; a visit that has ended gets an ended room. */
    Room room(UUID visitId) {
        Room room = rooms.get(visitId);
        if (room != null) {
            return room;
        }
        Optional<VisitView> visit = visits.find(visitId);
        if (visit.isEmpty()) {
            throw new RoomRefusedException("NO_VISIT", "There is no such visit.");
        }
        return rooms.computeIfAbsent(visitId, id -> {
            Room made = new Room(id);
            if (visit.get().status() == VisitStatus.ENDED) {
                made.markEnded();
            }
            return made;
        });
    }

    /** Whether the visit's room is over (ended here, or the visit ended). */
    public boolean ended(UUID visitId) {
        return room(visitId).ended();
    }

    public RoomResult connect(RoomPass pass, String socketId) {
        limits.take(pass.visitId(), pass.attendeeId(), AttendeeLimits.Kind.CONNECT);
        if (pass.linkId() != null && revocations.isRevoked(pass.linkId())) {
            throw new RoomRefusedException("REMOVED", "A clinician removed you from this visit.");
        }
        return step(pass.visitId(), pass.attendeeId(),
                room -> room.connect(pass.attendeeId(), pass.role(), pass.linkId(), socketId));
    }

    public RoomResult disconnect(RoomPass pass, String socketId) {
        return step(pass.visitId(), null, room -> room.disconnect(pass.attendeeId(), socketId));
    }

    /** A clinician admits someone; {@code tellAdmitted} hears who, before the event is stored. */
    public RoomResult admit(RoomPass by, String attendeeId, Consumer<String> tellAdmitted) {
        return step(by.visitId(), null, room -> room.admit(by.attendeeId(), attendeeId), admitted(tellAdmitted));
    }

    /** A clinician admits everyone waiting; {@code tellAdmitted} hears each, before the events are stored. */
    public RoomResult admitAll(RoomPass by, Consumer<String> tellAdmitted) {
        return step(by.visitId(), null, room -> room.admitAll(by.attendeeId()), admitted(tellAdmitted));
    }

    private static Consumer<List<RoomChange>> admitted(Consumer<String> tell) {
        return changes -> changes.stream().filter(c -> c.type() == VisitEventType.ADMITTED)
                .forEach(c -> tell.accept(c.attendeeId()));
    }

    /** A clinician removes a patient or guest; the join link they came by is revoked for every browser. */
    public RoomResult remove(RoomPass by, String attendeeId) {
        RoomResult result = step(by.visitId(), null, room -> room.remove(by.attendeeId(), attendeeId));
        Room room = room(by.visitId());
        String linkId;
        synchronized (room) {
            linkId = room.attendee(attendeeId).map(Attendee::joinLinkId).orElse(null);
        }
        if (linkId != null) {
            revocations.revoke(by.visitId(), linkId);
        }
        return result;
    }

    public RoomResult joinCall(RoomPass pass) {
        limits.take(pass.visitId(), pass.attendeeId(), AttendeeLimits.Kind.CALL);
        return step(pass.visitId(), pass.attendeeId(), room -> room.joinCall(pass.attendeeId()));
    }

    public RoomResult leave(RoomPass pass) {
        limits.take(pass.visitId(), pass.attendeeId(), AttendeeLimits.Kind.CALL);
        return step(pass.visitId(), pass.attendeeId(), room -> room.leave(pass.attendeeId()));
    }

    public RoomResult deviceTest(RoomPass pass, String result) {
        limits.take(pass.visitId(), pass.attendeeId(), AttendeeLimits.Kind.DEVICE_TEST);
        return step(pass.visitId(), null, room -> room.deviceTest(pass.attendeeId(), result));
    }

    /** Refuses (throws) unless both are in the call of the pass's visit. */
    public void checkRelay(RoomPass from, String toId) {
        Room room = room(from.visitId());
        synchronized (room) {
            room.checkRelay(from.attendeeId(), toId);
        }
    }

    /** The attendees now in the call, other than {@code pass}'s own. */
    public List<String> othersInCall(RoomPass pass) {
        Room room = room(pass.visitId());
        synchronized (room) {
            return room.inCall().stream().map(a -> a.id()).filter(id -> !id.equals(pass.attendeeId())).toList();
        }
    }

    /** Whether the pass's attendee is in the call now. */
    public boolean inCall(RoomPass pass) {
        Room room = room(pass.visitId());
        synchronized (room) {
            return room.attendee(pass.attendeeId()).map(a -> a.state() == AttendeeState.IN_CALL).orElse(false);
        }
    }

    /** All attendees of the visit's room, as they are now. */
    public RoomResult snapshot(UUID visitId) {
        Room room = room(visitId);
        synchronized (room) {
            return new RoomResult(List.of(), room.attendees(), room.ended());
        }
    }

    /** A clinician ends the visit: the room closes and the visit records VISIT_ENDED. */
    public RoomResult end(RoomPass by) {
        Room room = room(by.visitId());
        ReentrantLock order = recording.computeIfAbsent(by.visitId(), id -> new ReentrantLock(true));
        List<AttendeeView> everyone;
        synchronized (room) {
            room.end(by.attendeeId());
            everyone = room.attendees();
            order.lock(); // after the events of earlier steps
        }
        try {
            visits.end(by.visitId());
            List<VisitEventRecorded> ended = events.of(by.visitId()).stream()
                    .filter(e -> e.type() == VisitEventType.VISIT_ENDED).toList();
            return new RoomResult(ended, everyone, true);
        } finally {
            order.unlock();
        }
    }

    /** Drops the visit's room from memory (it ended). */
    public void forget(UUID visitId) {
        rooms.remove(visitId);
        lastUsed.remove(visitId);
        limits.forget(visitId);
        recording.remove(visitId);
    }

    /** Drops rooms in which nobody is present and nothing happened for {@link #IDLE_ROOM}. */
    public void forgetIdleRooms() {
        long now = System.nanoTime();
        for (Room room : rooms.values()) {
            synchronized (room) {
                boolean idle = now - lastUsed.getOrDefault(room.visitId(), now) > IDLE_ROOM.toNanos();
                if (idle && room.attendees().stream().noneMatch(a -> a.state().isPresent())) {
                    forget(room.visitId());
                }
            }
        }
    }

    private RoomResult step(UUID visitId, String touched, Function<Room, List<RoomChange>> transition) {
        return step(visitId, touched, transition, changes -> { });
    }

    /**
     * Applies a transition under the room's lock, then tells {@code announce} (before the events are
     * stored: an admitted patient need not wait for the disk), then records the events. The recording
     * lock is taken before the room's lock is released, so events are stored in the order the room
     * changed, even though the next transition may already run.
     */
    private RoomResult step(UUID visitId, String touched, Function<Room, List<RoomChange>> transition,
                            Consumer<List<RoomChange>> announce) {
        Room room = room(visitId);
        lastUsed.put(visitId, System.nanoTime());
        ReentrantLock order = recording.computeIfAbsent(visitId, id -> new ReentrantLock(true));
        List<RoomChange> changes;
        List<AttendeeView> changed;
        synchronized (room) {
            changes = transition.apply(room);
            Set<String> ids = new LinkedHashSet<>();
            if (touched != null) {
                ids.add(touched);
            }
            changes.forEach(c -> ids.add(c.attendeeId()));
            changed = ids.stream().map(room::attendee).flatMap(Optional::stream).map(Attendee::view).toList();
            order.lock();
        }
        List<VisitEventRecorded> recorded = new ArrayList<>(changes.size());
        boolean endedElsewhere = false;
        try {
            announce.accept(changes);
            for (RoomChange c : changes) {
                try {
                    recorded.add(events.record(visitId, c.type(), c.role(), c.attendeeId(), c.detail()));
                } catch (RuntimeException e) {
                    // the visit ended elsewhere (or the database failed): the room follows, the page is told
                    LOG.warning(() -> "Visit " + visitId + ": the " + c.type() + " event could not be recorded ("
                            + e.getClass().getSimpleName() + ")");
                    endedElsewhere |= visits.find(visitId).map(v -> v.status() == VisitStatus.ENDED).orElse(true);
                }
            }
        } finally {
            order.unlock();
        }
        if (endedElsewhere) {
            synchronized (room) { // never while holding the recording lock: that order would deadlock
                room.markEnded();
            }
        }
        return new RoomResult(recorded, changed, room.ended());
    }
}
