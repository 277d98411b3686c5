package org.openvisit.launch.application;

import org.openvisit.ehr.graph.GraphFailure;

/** The English words a launch refusal keeps (audit log, page detail) when Microsoft Teams could not make the meeting. */
final class MeetingRefusal {

    static final String TEAMS_REFUSAL_TITLE = "The Teams meeting could not be made";

    private MeetingRefusal() {
    }

    /** The failure's case (e.g. NO_ACCESS_POLICY) and what to do about it, for the organization's IT. */
    static String teamsRefusal(GraphFailure failure) {
        return "Microsoft Teams (" + failure.kind() + "): " + failure.getMessage();
    }
}
