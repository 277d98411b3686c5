package org.openvisit.room.infrastructure.grid;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.room.application.LiveRooms;
import org.openvisit.room.domain.model.Room;
import org.openvisit.room.domain.model.RoomRefusedException;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The live rooms in Payara's data grid: one entry per visit in the {@value #MAP} map (the room as short JSON,
 * see {@link RoomCodec}), changed under the grid's lock on that entry, so two nodes never race on one room. With
 * one node (or {@code --nocluster}) the grid is local and this is an in-memory map with a lock. An entry lives
 * {@value #KEEP_HOURS} hours after its last change (a visit nobody ended); the map's backup copy on another member
 * keeps the rooms when one node dies.
 */
@ApplicationScoped
public class GridLiveRooms implements LiveRooms {

    static final String MAP = "openvisit-rooms";
    static final long KEEP_HOURS = 12;
    /** A step waits this long for the visit's previous one (which records a few events) before it is refused. */
    private static final long LOCK_WAIT_SECONDS = 10;
    /** A lock held longer than this (a thread stuck in the database) is released by the grid. */
    private static final long LOCK_LEASE_SECONDS = 60;

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance grid;

    private IMap<String, String> rooms() {
        return grid.getMap(MAP);
    }

    @Override
    public Optional<Room> find(UUID visitId) {
        return Optional.ofNullable(rooms().get(visitId.toString())).map(RoomCodec::read);
    }

    @Override
    public <T> T change(UUID visitId, Supplier<Room> fresh, Function<Room, T> transition, Consumer<T> thenLocked) {
        IMap<String, String> rooms = rooms();
        String key = visitId.toString();
        boolean locked;
        try {
            locked = rooms.tryLock(key, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw new RoomRefusedException(RoomRefusedException.BUSY, "The visit is busy. Please try again in a moment.");
        }
        try {
            String text = rooms.get(key);
            Room room = text == null ? fresh.get() : RoomCodec.read(text);
            T result = transition.apply(room);
            if (text != null || !room.attendees().isEmpty()) { // a late close after the end leaves no empty room
                rooms.set(key, RoomCodec.write(room), KEEP_HOURS, TimeUnit.HOURS);
            }
            thenLocked.accept(result);
            return result;
        } finally {
            rooms.unlock(key);
        }
    }

    @Override
    public void drop(UUID visitId) {
        rooms().delete(visitId.toString());
    }

    @Override
    public Set<UUID> visits() {
        return rooms().keySet().stream().map(UUID::fromString).collect(Collectors.toSet());
    }

    @Override
    public void whenNodeLeaves(Consumer<String> nodeLeft) {
        grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a new node starts with no sockets: nothing to do
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                nodeLeft.accept(event.getMember().getUuid().toString());
            }
        });
    }

    @Override
    public String nodeId() {
        return grid.getCluster().getLocalMember().getUuid().toString();
    }
}
