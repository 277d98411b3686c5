package org.openvisit.visit.application;

import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.Visit;

/**
 * The port to a meeting platform (OpenVisit's built-in rooms, or Microsoft Teams). Every
 * implementation must make {@link #createOrGetMeeting} idempotent per visit (the same visit always
 * gets the same meeting, however often and from however many nodes it is asked), because the visit
 * may be opened by many launches at once.
 */
public interface MeetingPlatform {

    /** The platform's name as stored with the visit's meeting (at most 32 characters). */
    String name();

    /** The visit's meeting, made on first call. */
    MeetingRef createOrGetMeeting(Visit visit);

    /**
     * The visit's meeting, made on first call by the launch of {@code clinician} (an EHR user id; {@code null} for a
     * patient's launch), for platforms where the launching clinician may organize the meeting.
     */
    default MeetingRef createOrGetMeeting(Visit visit, String clinician) {
        return createOrGetMeeting(visit);
    }

    /** Where a participant in {@code role} joins the visit: an absolute URL, or a path on OpenVisit itself. */
    String joinUrl(Visit visit, JoinRole role);

    /** Ends the visit's meeting on the platform (no one can join any more). */
    void end(Visit visit);
}
