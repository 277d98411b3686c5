package org.openvisit.visit.infrastructure.teams;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.domain.model.TeamsAttendanceMark;
import org.openvisit.visit.domain.model.TeamsAttendanceWatch;
import org.openvisit.visit.domain.model.Visit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The transactions of the Teams attendance poller, each short and on its own (the Graph requests happen between them,
 * outside any transaction): claiming due watches, recording a read's new edges as visit events, and noting a failure.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TeamsAttendanceWork {

    /** A claimed watch: what the Graph requests need. */
    public record Claimed(UUID visitId, UUID organizationId, String organizer, String meetingId) {
    }

    @EJB
    private RegionDirectory regions;

    @EJB
    private VisitEvents events;

    /**
     * Up to {@code max} watches of the region due at {@code now}, each leased to this node until {@code now + lease}
     * (a node that dies mid-read leaves them to another after that).
     */
    public List<Claimed> claimDue(DataRegion region, Instant now, Duration lease, int max) {
        return regions.ready(region).teamsAttendance().dueForUpdate(now, max).stream().map(w -> {
            w.claim(now.plus(lease));
            return new Claimed(w.visitId(), w.organizationId(), w.organizer(), w.meetingId());
        }).toList();
    }

    /**
     * Records a read of the meeting's attendance as {@link MeetingOver} decides (through the visit event stream, so
     * write-back's outbox, the provider page and the reports get the events as from the built-in rooms): the edges not
     * recorded before, a restart before the organizer's join after the visit's end, the visit's end once its meeting
     * is over; marks the edges, and plans the next read. The visit's row is locked first, so two nodes reading the same
     * meeting record each edge once and the visit ends once. A join after the visit ended (other than the organizer's)
     * is marked but not recorded (the visit does not take it).
     *
     * @return how many events were recorded
     */
    public int record(UUID visitId, AttendanceRead read, Instant now, AttendancePollPlan plan, MeetingOver rule) {
        RegionalStore store = regions.ofVisit(visitId);
        Optional<Visit> found = store.visits().findForUpdate(visitId);
        Optional<TeamsAttendanceWatch> watch = store.teamsAttendance().findForUpdate(visitId);
        if (found.isEmpty() || watch.isEmpty()) {
            return 0; // deleted by retention meanwhile
        }
        Visit visit = found.get();
        Set<String> marked = store.teamsAttendance().marked(visitId, read.edges().stream()
                .map(AttendanceEdges.Edge::key).toList());
        int recorded = 0;
        for (MeetingOver.Step step : rule.steps(visit.endedAt().orElse(null), read, marked, now)) {
            if (step.recorded()) {
                events.record(visitId, step.type(), step.role(), step.attendeeId(), null, step.at());
                recorded++;
            }
            if (step.markKey() != null) {
                store.teamsAttendance().mark(new TeamsAttendanceMark(step.markKey(), visitId, visit.organizationId(),
                        now));
            }
        }
        watch.get().polled(now, plan.afterSuccess(now, watch.get().createdAt(), visit.endedAt().orElse(null))
                .orElse(null));
        return recorded;
    }

    /** Graph refused or could not be reached: the next try per the plan, or none. */
    public void failed(UUID visitId, String error, Duration retryAfter, Instant now, AttendancePollPlan plan) {
        RegionalStore store = regions.ofVisit(visitId);
        Optional<TeamsAttendanceWatch> watch = store.teamsAttendance().findForUpdate(visitId);
        if (watch.isEmpty()) {
            return;
        }
        Instant endedAt = store.visits().find(visitId).flatMap(Visit::endedAt).orElse(null);
        TeamsAttendanceWatch w = watch.get();
        w.failed(now, error, plan.afterFailure(now, w.createdAt(), endedAt, w.failures() + 1, retryAfter)
                .orElse(null));
    }
}
