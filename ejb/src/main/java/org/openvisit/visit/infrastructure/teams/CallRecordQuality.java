package org.openvisit.visit.infrastructure.teams;

import org.openvisit.ehr.graph.CallRecord;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.QualitySample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Teams call record's media streams as the call-quality samples of the built-in rooms: one {@link QualitySample} per
 * stream (round-trip time, jitter, packet loss, frame rate; Graph gives no received bitrate, so none), grouped by the
 * attendee, who is named and given a role exactly as {@link AttendanceEdges} does (the organizer the provider, the
 * organization's own tenant staff, everyone else the patient; {@code teams-} and 24 hex digits of a SHA-256 of the visit
 * and Graph's id), so a visit's quality rows and its connect events speak of the same attendees. The mark key makes a
 * call record count once per visit.
 */
public final class CallRecordQuality {

    /** An attendee's samples from one call record. */
    public record AttendeeSamples(String attendeeId, AttendeeRole role, List<QualitySample> samples) {
    }

    private CallRecordQuality() {
    }

    static List<AttendeeSamples> of(UUID visitId, String ownTenant, CallRecord record) {
        Map<String, AttendeeSamples> byAttendee = new LinkedHashMap<>();
        for (CallRecord.StreamFigures s : record.streams()) {
            QualitySample sample = new QualitySample(s.rttMs(), s.jitterMs(), s.lossPercent(), s.fps(), null);
            if (sample.isEmpty()) {
                continue;
            }
            String attendee = AttendanceEdges.ATTENDEE_PREFIX
                    + AttendanceEdges.sha256(visitId + "|attendee|" + s.participantKey()).substring(0, 24);
            byAttendee.computeIfAbsent(attendee, a -> new AttendeeSamples(a, role(s, record, ownTenant),
                    new ArrayList<>())).samples().add(sample);
        }
        return List.copyOf(byAttendee.values());
    }

    static AttendeeRole role(CallRecord.StreamFigures s, CallRecord record, String ownTenant) {
        if (record.organizerId() != null && s.participantKey().equals("id:" + record.organizerId())) {
            return AttendeeRole.PROVIDER;
        }
        if (s.tenantId() != null && ownTenant != null && s.tenantId().equalsIgnoreCase(ownTenant.strip())) {
            return AttendeeRole.STAFF;
        }
        return AttendeeRole.PATIENT;
    }

    /** The one-way key that says the visit has counted this call record. */
    static String markKey(UUID visitId, String callRecordId) {
        return AttendanceEdges.sha256(visitId + "|callRecord|" + callRecordId);
    }
}
