package org.openvisit.ehr.graph;

import java.util.List;

/**
 * A Teams call record (Graph's {@code microsoft.graph.callRecords.callRecord}) reduced to what OpenVisit may keep: its
 * id, the meeting's join URL ({@code joinWebUrl}: how it finds the visit), the organizer's Graph id, and the figures
 * of each media stream with the participant it belongs to. Names, sign-in names, addresses, devices and phone numbers
 * are never read into it.
 */
public record CallRecord(String id, String joinWebUrl, String organizerId, List<StreamFigures> streams) {

    public CallRecord {
        streams = List.copyOf(streams);
    }

    /**
     * One media stream's averages: round-trip time and jitter in milliseconds (from Graph's ISO-8601 durations),
     * packet loss in percent (Graph gives a rate, 0 to 1), video frame rate per second; each {@code null} when Graph
     * left it out or sent something unreadable.
     *
     * @param participantKey {@code id:} and the participant's Graph id (Entra object id, or Teams' id of a guest), or
     *                       {@code anonymous:} and the session id when Graph names no one
     * @param tenantId       the tenant of the participant's identity ({@code null} for guests or when left out)
     */
    public record StreamFigures(String participantKey, String tenantId, Double rttMs, Double jitterMs,
                                Double lossPercent, Double fps) {

        public boolean isEmpty() {
            return rttMs == null && jitterMs == null && lossPercent == null && fps == null;
        }
    }
}
