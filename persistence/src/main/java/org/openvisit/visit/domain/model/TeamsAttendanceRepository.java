package org.openvisit.visit.domain.model;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The Teams meetings whose attendance OpenVisit reads, and the attendance already recorded as visit events. */
public interface TeamsAttendanceRepository {

    /** Starts a watch (flushed: a second one for the same visit fails here). */
    void add(TeamsAttendanceWatch watch);

    Optional<TeamsAttendanceWatch> find(UUID visitId);

    /** The watch, its row locked until the transaction ends. */
    Optional<TeamsAttendanceWatch> findForUpdate(UUID visitId);

    /**
     * Up to {@code max} watches due at {@code now}, soonest first, locked without waiting for rows another node holds
     * ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<TeamsAttendanceWatch> dueForUpdate(Instant now, int max);

    /** Which of these mark keys the visit has already. */
    Set<String> marked(UUID visitId, Collection<String> keys);

    /** Records a mark (flushed: the same key twice fails here). */
    void mark(TeamsAttendanceMark mark);

    /** The watch of the visit whose meeting has this join URL hash ({@link TeamsAttendanceWatch#joinUrlHash}). */
    Optional<TeamsAttendanceWatch> findByJoinUrlHash(String joinUrlHash);

    /** Queues a call record to read, unless it is queued already; whether it was new. */
    boolean queue(TeamsCallRecord callRecord);

    /** Up to {@code max} call records due at {@code now}, locked without waiting for rows another node holds. */
    List<TeamsCallRecord> dueCallRecordsForUpdate(Instant now, int max);

    Optional<TeamsCallRecord> findCallRecordForUpdate(String callRecordId);

    /** A call record read (or not a visit's): it leaves the queue. */
    void remove(TeamsCallRecord callRecord);
}
