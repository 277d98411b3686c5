package org.openvisit.visit.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The call-quality aggregates, one per attendee per visit. */
public interface CallQualityRepository {

    /** Stores a new aggregate and flushes: a second one for the same visit and attendee fails here. */
    void add(CallQuality quality);

    Optional<CallQuality> find(UUID visitId, String attendeeId);

    /** The visit's aggregates, in the order the attendees first reported. */
    List<CallQuality> ofVisit(UUID visitId);
}
