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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The rooms' steps. A room lives in {@link LiveRooms} (Payara's data grid), so every node sees the same one and a
 * patient whose socket reached one node is in the same room as the clinician on another; a room nobody ended is
 * forgotten hours after its last change. Each step runs while no other step of its visit runs on any node and
 * records what it means in the visit's event stream (one transaction per event, through {@link VisitEvents},
 * which numbers them in the visit's order and hands them to write-back) before the next step may start, so the
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

    @Inject
    private LiveRooms live;

    @EJB
    private JoinLinkRevocations revocations;

    @Inject
    private SfuRooms sfu;

    /** The visit's room as it is now (an empty one, not kept, when no node holds it yet). */
    Room room(UUID visitId) {
        return live.find(visitId).orElseGet(() -> fresh(visitId));
    }

    /** A new room for the visit: an ended one for a visit that has ended. */
    private Room fresh(UUID visitId) {
        Optional<VisitView> visit = visits.find(visitId);
        if (visit.isEmpty()) {
            throw new RoomRefusedException("NO_VISIT", "There is no such visit.");
        }
        Room made = new Room(visitId);
        if (visit.get().status() == VisitStatus.ENDED) {
            made.markEnded();
        }
        return made;
    }

    /** Whether the visit's room is over (ended here, or the visit ended). */
    public boolean ended(UUID visitId) {
        return room(visitId).ended();
    }

    /** This node's prefix of socket ids ({@code <node id>/}): which node holds an attendee's page. */
    public String socketPrefix() {
        return live.nodeId() + "/";
    }

    public RoomResult connect(RoomPass pass, String socketId) {
        limits.take(pass.visitId(), pass.attendeeId(), AttendeeLimits.Kind.CONNECT);
        if (pass.linkId() != null && revocations.isRevoked(pass.visitId(), pass.linkId())) {
            throw new RoomRefusedException("REMOVED", "A clinician removed you from this visit.");
        }
        return step(pass.visitId(), pass.attendeeId(),
                room -> room.connect(pass.attendeeId(), pass.role(), pass.linkId(), socketId));
    }

    public RoomResult disconnect(RoomPass pass, String socketId) {
        return step(pass.visitId(), null, room -> room.disconnect(pass.attendeeId(), socketId));
    }

    /**
     * A node left the cluster: everyone whose page was on one of its sockets ({@code socketPrefix}) is
     * disconnected in this visit's room (their browsers reconnect and come back to their place).
     */
    public RoomResult disconnectNode(UUID visitId, String socketPrefix) {
        return step(visitId, null, room -> {
            List<RoomChange> changes = new ArrayList<>();
            for (Attendee a : room.connectedThrough(socketPrefix)) {
                changes.addAll(room.disconnect(a.id(), a.socketId()));
            }
            return changes;
        });
    }

    /** Tells {@code nodeLeft} the id of each node that leaves the cluster. */
    public void whenNodeLeaves(Consumer<String> nodeLeft) {
        live.whenNodeLeaves(nodeLeft);
    }

    /** The visits with a live room (on any node). */
    public Set<UUID> liveVisits() {
        return live.visits();
    }

    /** A clinician admits someone; {@code tellAdmitted} hears who, before the event is stored. */
    public RoomResult admit(RoomPass by, String attendeeId, Consumer<String> tellAdmitted) {
        return step(by.visitId(), null, room -> room.admit(by.attendeeId(), attendeeId), admitted(tellAdmitted),
                by.clinicianEhrUserId());
    }

    /** A clinician admits everyone waiting; {@code tellAdmitted} hears each, before the events are stored. */
    public RoomResult admitAll(RoomPass by, Consumer<String> tellAdmitted) {
        return step(by.visitId(), null, room -> room.admitAll(by.attendeeId()), admitted(tellAdmitted),
                by.clinicianEhrUserId());
    }

    private static Consumer<List<RoomChange>> admitted(Consumer<String> tell) {
        return changes -> changes.stream().filter(c -> c.type() == VisitEventType.ADMITTED)
                .forEach(c -> tell.accept(c.attendeeId()));
    }

    /**
     * A clinician removes a patient or guest. While the room is still locked and before the event is stored (under load
     * the database takes seconds, and a removed person must stop receiving and sending at once): the join link they
     * came by is revoked for every browser (one write, so that the link is refused by the time anyone hears of the
     * removal), {@code tellRemoved} hears the ids of the people still in the call (so that their pages drop the removed
     * person and the removed page closes), then, in a room on the SFU, their SFU access is revoked (Janus closes their
     * publication and subscriptions). Then the REMOVED event is stored. A second removal of the same person tells and revokes again (a retry after Janus was down).
     */
    public RoomResult remove(RoomPass by, String attendeeId, Consumer<List<String>> tellRemoved) {
        List<String> inCall = new ArrayList<>();
        boolean[] onSfu = new boolean[1];
        String[] linkId = new String[1];
        RoomResult result = step(by.visitId(), null, room -> {
            List<RoomChange> changes = room.remove(by.attendeeId(), attendeeId);
            inCall.clear();
            room.inCall().forEach(a -> inCall.add(a.id()));
            onSfu[0] = room.onSfu();
            linkId[0] = room.attendee(attendeeId).map(Attendee::joinLinkId).orElse(null);
            return changes;
        }, changes -> {
            // the link first (one write): once the removed page hears it, its link must already be refused on any
            // browser, or the person could come back through it in the gap
            if (linkId[0] != null) {
                revocations.revoke(by.visitId(), linkId[0]);
            }
            tellRemoved.accept(List.copyOf(inCall));
            if (onSfu[0]) {
                revokeSfu(by.visitId(), attendeeId);
            }
        }, by.clinicianEhrUserId());
        return result;
    }

    private void revokeSfu(UUID visitId, String attendeeId) {
        try {
            sfu.revoke(visitId, attendeeId);
        } catch (SfuUnavailableException e) {
            LOG.warning(() -> "Visit " + visitId + ": the SFU access of removed attendee " + attendeeId
                    + " could not be revoked: " + e.getMessage());
        }
    }

    /**
     * After people were admitted or came back ({@code admittedNow}): who must now use the SFU, with their access.
     * In a room already on the SFU, those of {@code admittedNow} admitted and present; in a mesh room with more people
     * admitted than the mesh carries, everyone admitted and present (the room moves to the SFU); otherwise nobody.
     *
     * @throws SfuUnavailableException the SFU could not be reached or refused (the call stays a mesh)
     */
    public Map<String, SfuRooms.SfuAccess> sfuFor(UUID visitId, Collection<String> admittedNow) {
        if (!sfu.enabled()) {
            return Map.of();
        }
        Room now = room(visitId);
        if (now.ended()) {
            return Map.of();
        }
        List<String> present = now.admittedPresent();
        if (now.onSfu()) {
            Map<String, SfuRooms.SfuAccess> access = new LinkedHashMap<>();
            admittedNow.stream().filter(present::contains).forEach(id -> access.put(id, sfu.admit(visitId, id)));
            return access;
        }
        if (present.size() <= sfu.meshLimit()) {
            return Map.of();
        }
        Map<String, SfuRooms.SfuAccess> access = new LinkedHashMap<>(sfu.open(visitId, present));
        List<String> moved = live.change(visitId, () -> fresh(visitId), room -> room.moveToSfu(sfu.callLimit(), sfu.watchLimit()),
                ids -> { });
        moved.stream().filter(id -> !access.containsKey(id)) // admitted while the SFU room was being made
                .forEach(id -> access.put(id, sfu.admit(visitId, id)));
        LOG.info(() -> "Visit " + visitId + ": " + moved.size() + " people admitted, the call moves to the SFU");
        return access;
    }

    /** Whether calls may move to the SFU at all. */
    public boolean sfuEnabled() {
        return sfu.enabled();
    }

    /** Whether the visit's call goes through the SFU. */
    public boolean onSfu(UUID visitId) {
        return room(visitId).onSfu();
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

    /** Counts one microphone / camera state the attendee tells the call (refused, TOO_MANY, over the limit). */
    public void takeMedia(RoomPass pass) {
        limits.take(pass.visitId(), pass.attendeeId(), AttendeeLimits.Kind.MEDIA);
    }

    /** Refuses (throws) unless both are in the call of the pass's visit. */
    public void checkRelay(RoomPass from, String toId) {
        room(from.visitId()).checkRelay(from.attendeeId(), toId);
    }

    /** The attendees now in the call, other than {@code pass}'s own. */
    public List<String> othersInCall(RoomPass pass) {
        return room(pass.visitId()).inCall().stream().map(Attendee::id)
                .filter(id -> !id.equals(pass.attendeeId())).toList();
    }

    /** Whether the pass's attendee is in the call now. */
    public boolean inCall(RoomPass pass) {
        return room(pass.visitId()).attendee(pass.attendeeId())
                .map(a -> a.state() == AttendeeState.IN_CALL).orElse(false);
    }

    /** All attendees of the visit's room, as they are now. */
    public RoomResult snapshot(UUID visitId) {
        Room room = room(visitId);
        return new RoomResult(List.of(), room.attendees(), room.ended());
    }

    /** A clinician ends the visit: the room closes and the visit records VISIT_ENDED. */
    public RoomResult end(RoomPass by) {
        List<VisitEventRecorded> ended = new ArrayList<>();
        boolean[] onSfu = new boolean[1];
        List<AttendeeView> everyone = live.change(by.visitId(), () -> fresh(by.visitId()), room -> {
            onSfu[0] = room.onSfu();
            room.end(by.attendeeId());
            return room.attendees();
        }, all -> { // after the events of earlier steps, before any later one
            visits.end(by.visitId());
            events.of(by.visitId()).stream().filter(e -> e.type() == VisitEventType.VISIT_ENDED).forEach(ended::add);
        });
        if (onSfu[0]) { // the SFU room goes, and every access given in it
            try {
                sfu.close(by.visitId(), everyone.stream().map(AttendeeView::id).toList());
            } catch (SfuUnavailableException e) {
                LOG.warning(() -> "Visit " + by.visitId() + ": the SFU room could not be closed: " + e.getMessage());
            }
        }
        return new RoomResult(ended, everyone, true);
    }

    /** Drops the visit's room (it ended) on every node, and this node's counts of it. */
    public void forget(UUID visitId) {
        live.drop(visitId);
        limits.forget(visitId);
    }

    /** Drops this node's counts of the visit (it ended on another node). */
    public void forgetHere(UUID visitId) {
        limits.forget(visitId);
    }

    private RoomResult step(UUID visitId, String touched, Function<Room, List<RoomChange>> transition) {
        return step(visitId, touched, transition, changes -> { });
    }

    /** What a step changed, then what it recorded. */
    private static final class Stepped {
        final List<RoomChange> changes;
        final List<AttendeeView> changed;
        final boolean ended;
        final List<String> promoted;
        final List<VisitEventRecorded> recorded = new ArrayList<>();
        boolean endedElsewhere;

        Stepped(List<RoomChange> changes, List<AttendeeView> changed, boolean ended, List<String> promoted) {
            this.changes = changes;
            this.changed = changed;
            this.ended = ended;
            this.promoted = promoted;
        }
    }

    /**
     * Applies a transition to the visit's room, then, before the next step of the visit may start, tells
     * {@code announce} (before the events are stored: an admitted patient need not wait for the disk) and records
     * the events, so events are stored in the order the room changed.
     */
    private RoomResult step(UUID visitId, String touched, Function<Room, List<RoomChange>> transition,
                            Consumer<List<RoomChange>> announce) {
        return step(visitId, touched, transition, announce, null);
    }

    /** The same, for a step a clinician took: {@code clinicianEhrUserId} names them in the audit trail if known. */
    private RoomResult step(UUID visitId, String touched, Function<Room, List<RoomChange>> transition,
                            Consumer<List<RoomChange>> announce, String clinicianEhrUserId) {
        Stepped s = live.change(visitId, () -> fresh(visitId), room -> {
            List<RoomChange> changes = transition.apply(room);
            List<String> promoted = room.promoteWatchers(); // a place with video this step freed goes to a watcher
            Set<String> ids = new LinkedHashSet<>();
            if (touched != null) {
                ids.add(touched);
            }
            changes.forEach(c -> ids.add(c.attendeeId()));
            ids.addAll(promoted);
            return new Stepped(changes, ids.stream().map(room::attendee).flatMap(Optional::stream)
                    .map(Attendee::view).toList(), room.ended(), promoted);
        }, stepped -> {
            announce.accept(stepped.changes);
            for (RoomChange c : stepped.changes) {
                try {
                    stepped.recorded.add(events.recordBy(visitId, c.type(), c.role(), c.attendeeId(), c.detail(),
                            clinicianEhrUserId));
                } catch (RuntimeException e) {
                    // the visit ended elsewhere (or the database failed): the room follows, the page is told
                    LOG.warning(() -> "Visit " + visitId + ": the " + c.type() + " event could not be recorded ("
                            + e.getClass().getSimpleName() + ")");
                    stepped.endedElsewhere |= visits.find(visitId).map(v -> v.status() == VisitStatus.ENDED).orElse(true);
                }
            }
        });
        if (s.endedElsewhere) {
            live.change(visitId, () -> fresh(visitId), room -> {
                room.markEnded();
                return room;
            }, room -> { });
        }
        return new RoomResult(s.recorded, s.changed, s.ended || s.endedElsewhere, s.promoted);
    }
}
