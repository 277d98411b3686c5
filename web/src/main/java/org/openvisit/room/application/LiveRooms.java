package org.openvisit.room.application;

import org.openvisit.room.domain.model.Room;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the live rooms are kept so that every node sees the same one (a port; the adapter is Payara's data grid):
 * one entry per visit, changed by one step at a time across all nodes.
 */
public interface LiveRooms {

    /** The visit's room as it is now, or empty when no node holds one. */
    Optional<Room> find(UUID visitId);

    /**
     * Runs {@code transition} on the visit's room (made by {@code fresh} when there is none) while no other step of
     * that visit runs on any node, keeps the room as it left it, then runs {@code thenLocked} with its result before
     * the next step may start (so what a step records is stored in the order the room changed). A transition that
     * throws changes nothing.
     */
    <T> T change(UUID visitId, Supplier<Room> fresh, Function<Room, T> transition, Consumer<T> thenLocked);

    /** Forgets the visit's room (it ended). */
    void drop(UUID visitId);

    /** The visits that have a live room. */
    Set<UUID> visits();

    /** Tells {@code nodeLeft} the id of each node that leaves the cluster (stopped, killed or cut off). */
    void whenNodeLeaves(Consumer<String> nodeLeft);

    /** This node's id in the cluster: the prefix of the socket ids it gives out. */
    String nodeId();
}
