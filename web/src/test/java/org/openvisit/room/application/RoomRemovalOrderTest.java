package org.openvisit.room.application;

import org.junit.jupiter.api.Test;
import org.openvisit.room.domain.model.Room;
import org.openvisit.visit.application.JoinLinkRevocations;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A removal stops the removed person's media before the event is stored (issue 21: within 2 s, and the database took
 * seconds on a loaded machine): the join link is revoked first (one write, so that it is refused by the time anyone
 * hears of the removal), then the pages still in the call are told, the remover's among them, then the SFU access is
 * revoked, and only then is the REMOVED event stored.
 */
class RoomRemovalOrderTest {

    private final UUID visitId = UUID.randomUUID();
    private final List<String> steps = new ArrayList<>();
    private final Map<UUID, Room> rooms = new HashMap<>();

    @Test
    void aRemovalOnTheSfuTellsThePagesAndRevokesTheSfuBeforeTheEventIsStored() throws Exception {
        RoomService service = service();
        Room room = callOfThree();
        room.moveToSfu(12);
        rooms.put(visitId, room);

        RoomResult result = service.remove(clinician(), "guest", inCall -> steps.add("told " + inCall));

        assertThat(steps).containsExactly("link revoked link-g", "told [doc, pat]", "sfu revoked guest",
                "stored REMOVED guest");
        assertThat(result.changed()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("guest"));
    }

    @Test
    void aRemovalInTheMeshTellsThePagesFirstAndLeavesTheSfuAlone() throws Exception {
        RoomService service = service();
        rooms.put(visitId, callOfThree());

        service.remove(clinician(), "guest", inCall -> steps.add("told " + inCall));

        assertThat(steps).containsExactly("link revoked link-g", "told [doc, pat]", "stored REMOVED guest");
    }

    @Test
    void aRefusedRemovalTellsNobodyAndRevokesNothing() throws Exception {
        RoomService service = service();
        Room room = callOfThree();
        room.moveToSfu(12);
        rooms.put(visitId, room);

        assertThatThrownBy(() -> service.remove(clinician(), "doc", inCall -> steps.add("told " + inCall)))
                .hasMessageContaining("Clinicians cannot be removed");
        assertThat(steps).isEmpty();
    }

    private Room callOfThree() {
        Room room = new Room(visitId);
        room.connect("doc", AttendeeRole.PROVIDER, null, "node/1");
        room.connect("pat", AttendeeRole.PATIENT, "link-p", "node/2");
        room.connect("guest", AttendeeRole.GUEST, "link-g", "node/3");
        room.admitAll("doc");
        room.joinCall("doc");
        room.joinCall("pat");
        room.joinCall("guest");
        return room;
    }

    private RoomPass clinician() {
        return new RoomPass(visitId, "doc", AttendeeRole.PROVIDER, null, null);
    }

    private RoomService service() throws Exception {
        RoomService service = new RoomService();
        set(service, "events", new VisitEvents() {
            @Override
            public VisitEventRecorded recordBy(UUID visit, VisitEventType type, AttendeeRole role, String attendeeId,
                                               String detail, String clinicianEhrUserId) {
                steps.add("stored " + type + " " + attendeeId);
                return new VisitEventRecorded(UUID.randomUUID(), visit, null, null, 1, type, role, attendeeId, detail,
                        Instant.now());
            }
        });
        set(service, "revocations", new JoinLinkRevocations() {
            @Override
            public void revoke(UUID visit, String linkId) {
                steps.add("link revoked " + linkId);
            }
        });
        set(service, "sfu", new RecordingSfu());
        set(service, "live", new MapLiveRooms());
        return service;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = RoomService.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    /** The data grid's rooms as a map: a change applies the transition, then what runs while it is locked. */
    private final class MapLiveRooms implements LiveRooms {
        @Override
        public Optional<Room> find(UUID visit) {
            return Optional.ofNullable(rooms.get(visit));
        }

        @Override
        public <T> T change(UUID visit, Supplier<Room> fresh, Function<Room, T> transition, Consumer<T> thenLocked) {
            Room room = rooms.computeIfAbsent(visit, v -> fresh.get());
            T result = transition.apply(room);
            thenLocked.accept(result);
            return result;
        }

        @Override
        public void drop(UUID visit) {
            rooms.remove(visit);
        }

        @Override
        public Set<UUID> visits() {
            return rooms.keySet();
        }

        @Override
        public void whenNodeLeaves(Consumer<String> nodeLeft) {
            // one node
        }

        @Override
        public String nodeId() {
            return "node";
        }
    }

    private final class RecordingSfu implements SfuRooms {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int meshLimit() {
            return 4;
        }

        @Override
        public int callLimit() {
            return 12;
        }

        @Override
        public int watchLimit() {
            return 50;
        }

        @Override
        public Map<String, SfuAccess> open(UUID visit, Collection<String> attendeeIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SfuAccess admit(UUID visit, String attendeeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revoke(UUID visit, String attendeeId) {
            steps.add("sfu revoked " + attendeeId);
        }

        @Override
        public void close(UUID visit, Collection<String> attendeeIds) {
            throw new UnsupportedOperationException();
        }
    }
}
