package org.openvisit.ehr.graph;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The online meeting OpenVisit asks Graph to create or get: keyed by {@code externalId}; a subject without patient
 * data; the lobby bypassed only by people of the organizer's organization ({@code lobbyScope}, e.g.
 * {@code organization}); only the organizer presents; entry and exit announced or not; meeting chat
 * {@code enabled}, {@code disabled} or {@code limited}. Start and end when the appointment's times are known.
 */
public record OnlineMeetingRequest(String externalId, String subject, String lobbyScope, boolean entryExitAnnounced,
                                   String meetingChat, Instant start, Instant end) {

    public OnlineMeetingRequest {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(lobbyScope, "lobbyScope");
        Objects.requireNonNull(meetingChat, "meetingChat");
    }

    /** The JSON members of Graph's createOrGet body. */
    Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", externalId);
        body.put("subject", subject);
        if (start != null) {
            body.put("startDateTime", start.toString());
            if (end != null && end.isAfter(start)) {
                body.put("endDateTime", end.toString());
            }
        }
        Map<String, Object> lobby = new LinkedHashMap<>();
        lobby.put("scope", lobbyScope);
        lobby.put("isDialInBypassEnabled", false);
        body.put("lobbyBypassSettings", lobby);
        body.put("allowedPresenters", "organizer");
        body.put("isEntryExitAnnounced", entryExitAnnounced);
        body.put("allowMeetingChat", meetingChat);
        return body;
    }
}
