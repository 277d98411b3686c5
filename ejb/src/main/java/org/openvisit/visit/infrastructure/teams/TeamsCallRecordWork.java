package org.openvisit.visit.infrastructure.teams;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.openvisit.ehr.graph.CallRecord;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.application.VisitQualityLearned;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.TeamsAttendanceMark;
import org.openvisit.visit.domain.model.TeamsAttendanceWatch;
import org.openvisit.visit.domain.model.TeamsCallRecord;
import org.openvisit.visit.domain.model.Visit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions of Teams call quality, each short and on its own (the Graph requests happen between them):
 * queueing an announced call record, claiming due ones, recording a read record's figures into the visit's call-quality
 * aggregates, and noting a failure.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TeamsCallRecordWork {

    /** After a failure: 1, 2, 4 ... minutes, at most 30; given up after this many failures. */
    static final int MAX_FAILURES = 8;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    /** A claimed call record: what the Graph request needs. */
    public record Claimed(String callRecordId, UUID organizationId) {
    }

    /** What became of a call record read. */
    public enum Outcome { RECORDED, ALREADY_COUNTED, NOT_A_VISIT }

    @EJB
    private RegionDirectory regions;

    @Inject
    private Event<VisitQualityLearned> learned;

    /** Queues a call record Graph announced for the organization; whether it was new. */
    public boolean queue(UUID organizationId, String callRecordId, Instant now) {
        return regions.ofOrganization(organizationId).teamsAttendance()
                .queue(new TeamsCallRecord(callRecordId, organizationId, now, now));
    }

    /** Up to {@code max} due call records of the region, each leased to this node until {@code now + lease}. */
    public List<Claimed> claimDue(DataRegion region, Instant now, Duration lease, int max) {
        return regions.ready(region).teamsAttendance().dueCallRecordsForUpdate(now, max).stream().map(c -> {
            c.claim(now.plus(lease));
            return new Claimed(c.callRecordId(), c.organizationId());
        }).toList();
    }

    /**
     * Finds the visit whose Teams meeting the record is of (by its join URL), adds each attendee's stream figures to
     * their call-quality aggregate (as the built-in rooms' browser reports are added), marks the record as counted for
     * the visit, and takes it off the queue. The visit's row is locked first, so a record read by two nodes counts once.
     */
    public Outcome record(UUID organizationId, String callRecordId, CallRecord record, String ownTenant, Instant now) {
        RegionalStore store = regions.ofOrganization(organizationId);
        Optional<TeamsCallRecord> queued = store.teamsAttendance().findCallRecordForUpdate(callRecordId);
        queued.ifPresent(store.teamsAttendance()::remove);
        Optional<TeamsAttendanceWatch> watch = record == null || record.joinWebUrl() == null ? Optional.empty()
                : store.teamsAttendance().findByJoinUrlHash(TeamsAttendanceWatch.joinUrlHash(record.joinWebUrl()))
                .filter(w -> w.organizationId().equals(organizationId));
        if (watch.isEmpty()) {
            return Outcome.NOT_A_VISIT;
        }
        UUID visitId = watch.get().visitId();
        Optional<Visit> visit = store.visits().findForUpdate(visitId);
        if (visit.isEmpty()) {
            return Outcome.NOT_A_VISIT;
        }
        String key = CallRecordQuality.markKey(visitId, callRecordId);
        if (!store.teamsAttendance().marked(visitId, List.of(key)).isEmpty()) {
            return Outcome.ALREADY_COUNTED;
        }
        for (CallRecordQuality.AttendeeSamples attendee : CallRecordQuality.of(visitId, ownTenant, record)) {
            Optional<CallQuality> existing = store.callQuality().find(visitId, attendee.attendeeId());
            CallQuality quality = existing.orElse(null);
            for (QualitySample sample : attendee.samples()) {
                if (quality == null) {
                    quality = CallQuality.start(visit.get(), attendee.attendeeId(), attendee.role(), sample, now);
                    store.callQuality().add(quality);
                } else {
                    quality.add(sample, now);
                }
            }
        }
        store.teamsAttendance().mark(new TeamsAttendanceMark(key, visitId, organizationId, now));
        learned.fire(new VisitQualityLearned(visitId)); // the report row shows the new figures in this transaction
        return Outcome.RECORDED;
    }

    /** Graph refused or could not be reached: the next try after a doubling wait (at least Retry-After), or none. */
    public void failed(UUID organizationId, String callRecordId, String error, Duration retryAfter, Instant now) {
        Optional<TeamsCallRecord> queued = regions.ofOrganization(organizationId).teamsAttendance()
                .findCallRecordForUpdate(callRecordId);
        if (queued.isEmpty()) {
            return;
        }
        TeamsCallRecord c = queued.get();
        int failures = c.failures() + 1;
        Duration wait = Duration.ofMinutes(1L << Math.min(failures - 1, 5));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        c.failed(error, failures >= MAX_FAILURES ? null : now.plus(wait));
    }
}
