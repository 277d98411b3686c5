package org.openvisit.visit.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All visits and their participants. */
public interface VisitRepository {

    /**
     * Stores a new visit and flushes, so that a second visit for the same endpoint and appointment
     * hash fails here (with a {@code PersistenceException}), not later at commit.
     */
    void add(Visit visit);

    Optional<Visit> find(UUID id);

    Optional<Visit> findByKey(UUID endpointId, AppointmentHash hash);

    /** Stores a participant and flushes; a second row for the same visit and user fails here. */
    void addParticipant(VisitParticipant participant);

    boolean hasParticipant(UUID visitId, String ehrUserId);

    List<VisitParticipant> participants(UUID visitId);

    /**
     * The visit, locked for this transaction (a row lock), so that events of one visit are numbered
     * one after the other even when they arrive at once on several nodes.
     */
    Optional<Visit> findForUpdate(UUID id);

    /** Stores an event made by {@link Visit#recordEvent} and flushes. */
    void addEvent(VisitEvent event);

    /** Writes pending changes now, so that a conflict (version, unique key) surfaces here. */
    void flush();

    /** The visit's events in their order. */
    List<VisitEvent> events(UUID visitId);

    /**
     * Up to {@code max} ended visits that still keep their sealed EHR references although they ended before
     * {@code endedBefore} and have no undelivered write-back task.
     */
    List<UUID> endedKeepingEhrContext(java.time.Instant endedBefore, int max);
}
