package org.openvisit.visit.infrastructure.teams;

import org.openvisit.ehr.graph.AttendanceRecord;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Teams attendance records as visit events: each attendance interval's join is a {@link VisitEventType#CONNECTED}
 * at its {@code joinDateTime}, its leave (once Graph has one) a {@link VisitEventType#DISCONNECTED} at its
 * {@code leaveDateTime}, in time order.
 * <p>
 * Who: the meeting's organizer is the {@link AttendeeRole#PROVIDER}; anyone else of the organization's own tenant is
 * {@link AttendeeRole#STAFF}; everyone else (anonymous guests joining by the join URL, people of other tenants) is the
 * {@link AttendeeRole#PATIENT}. The attendee id is {@code teams-} and 24 hex digits of a SHA-256 of the visit and
 * Graph's id of the attendee: the same person keeps one id within the visit, nothing of them can be read from it, and
 * it differs between visits. Graph's display names and e-mail addresses are never read.
 * <p>
 * Each edge has a key (SHA-256 of the visit, the attendee, the join time and the edge) that the database keeps once
 * the event is recorded, so a report read twice never makes two events.
 */
public final class AttendanceEdges {

    static final String ATTENDEE_PREFIX = "teams-";

    /** One join or leave, ready to record. */
    public record Edge(String key, VisitEventType type, AttendeeRole role, String attendeeId, Instant at, int order) {
    }

    private AttendanceEdges() {
    }

    /**
     * The edges of these records, each once (the same interval in two reports is one), earliest first; at the same
     * instant a leave comes before a join (someone who rejoins), except that an interval's own join precedes its
     * leave.
     *
     * @param ownTenant the organization's Entra tenant (id or domain as configured), for in-tenant staff
     */
    static List<Edge> of(UUID visitId, String ownTenant, List<AttendanceRecord> records) {
        Map<String, Edge> edges = new LinkedHashMap<>();
        for (AttendanceRecord r : records) {
            if (r.intervals().isEmpty()) {
                continue;
            }
            String graphKey = r.attendeeId() != null && !r.attendeeId().isBlank() ? "id:" + r.attendeeId()
                    : "anonymous:" + r.role() + ":" + r.intervals().stream().map(AttendanceRecord.Interval::join)
                    .min(Comparator.naturalOrder()).orElseThrow();
            AttendeeRole role = role(r, ownTenant);
            String attendee = ATTENDEE_PREFIX + sha256(visitId + "|attendee|" + graphKey).substring(0, 24);
            for (AttendanceRecord.Interval i : r.intervals()) {
                String joinKey = sha256(visitId + "|" + graphKey + "|" + i.join() + "|connected");
                edges.putIfAbsent(joinKey, new Edge(joinKey, VisitEventType.CONNECTED, role, attendee, i.join(), 1));
                if (i.leave() != null && !i.leave().isBefore(i.join())) {
                    String leaveKey = sha256(visitId + "|" + graphKey + "|" + i.join() + "|disconnected");
                    edges.putIfAbsent(leaveKey, new Edge(leaveKey, VisitEventType.DISCONNECTED, role, attendee,
                            i.leave(), i.leave().equals(i.join()) ? 2 : 0));
                }
            }
        }
        List<Edge> ordered = new ArrayList<>(edges.values());
        ordered.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::order));
        return ordered;
    }

    static AttendeeRole role(AttendanceRecord r, String ownTenant) {
        if (r.organizer()) {
            return AttendeeRole.PROVIDER;
        }
        if (r.tenantId() != null && ownTenant != null && r.tenantId().equalsIgnoreCase(ownTenant.strip())) {
            return AttendeeRole.STAFF;
        }
        return AttendeeRole.PATIENT;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
