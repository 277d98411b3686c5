package org.openvisit.visit.application;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The visit event stream: records what happened in a visit, in the visit's order (the visit row is
 * locked while its next event is numbered), moves the visit's status along, and announces the event
 * to observers inside the same transaction, so that write-back's outbox row commits with the event
 * or not at all. An admission or a removal is an event of the organization's audit trail too, in that transaction.
 */
@Stateless
public class VisitEvents {

    @jakarta.ejb.EJB
    private RegionDirectory regions;

    @Inject
    private Event<VisitEventRecorded> recorded;

    @Inject
    private MeetingPlatforms meetings;

    @jakarta.ejb.EJB
    private AuditTrail trail;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records an event now.
     *
     * @param role       who did it ({@code null}: the visit itself)
     * @param attendeeId the attendee's opaque id within the visit, or {@code null}
     * @param detail     a short plain-words note without patient data, or {@code null}
     * @throws VisitNotFoundException                                           no such visit
     * @throws org.openvisit.visit.domain.model.IllegalVisitTransitionException the visit has ended
     */
    public VisitEventRecorded record(@NotNull UUID visitId, @NotNull VisitEventType type, AttendeeRole role,
                                     String attendeeId, String detail) {
        return record(visitId, type, role, attendeeId, detail, clock.instant());
    }

    /**
     * Records an event that happened at {@code at}, as a meeting platform reported it afterwards (Teams' attendance
     * reports): numbered after the visit's events so far, whatever its time.
     *
     * @throws VisitNotFoundException                                           no such visit
     * @throws org.openvisit.visit.domain.model.IllegalVisitTransitionException the visit has ended before {@code at}
     */
    public VisitEventRecorded record(@NotNull UUID visitId, @NotNull VisitEventType type, AttendeeRole role,
                                     String attendeeId, String detail, @NotNull java.time.Instant at) {
        return recordAt(visitId, type, role, attendeeId, detail, at, null);
    }

    /**
     * Records an event a clinician caused now (an admission, a removal), naming them in the audit trail by their EHR
     * user id when the room knows it (their pass came from their own launch), else as "a clinician".
     */
    public VisitEventRecorded recordBy(@NotNull UUID visitId, @NotNull VisitEventType type, AttendeeRole role,
                                       String attendeeId, String detail, String clinicianEhrUserId) {
        return recordAt(visitId, type, role, attendeeId, detail, clock.instant(), clinicianEhrUserId);
    }

    private VisitEventRecorded recordAt(UUID visitId, VisitEventType type, AttendeeRole role, String attendeeId,
                                        String detail, java.time.Instant at, String clinicianEhrUserId) {
        VisitRepository visits = regions.ofVisit(visitId).visits();
        Visit visit = visits.findForUpdate(visitId).orElseThrow(VisitNotFoundException::new);
        VisitEvent event = visit.recordEvent(type, role, attendeeId, detail, at);
        visits.addEvent(event);
        if (type == VisitEventType.ADMITTED || type == VisitEventType.REMOVED) {
            // the clinician by their EHR user id when known; of the attendee only the role is kept
            AuditActor clinician = clinicianEhrUserId == null || clinicianEhrUserId.isBlank() ? AuditActor.clinician()
                    : AuditActor.ehrUser(clinicianEhrUserId);
            trail.recordInTransaction(AuditFact.of(type == VisitEventType.ADMITTED ? AuditKind.ADMITTED
                            : AuditKind.REMOVED, clinician)
                    .withOrganization(visit.organizationId()).withVisit(visitId).withEndpoint(visit.endpointId())
                    .withDetail(role == null ? "attendee" : role.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (type == VisitEventType.VISIT_ENDED) {
            meetings.of(visit).end(visit);
        }
        VisitEventRecorded announced = VisitEventRecorded.of(event);
        recorded.fire(announced);
        return announced;
    }

    /** The visit's events in their order. */
    public List<VisitEventRecorded> of(@NotNull UUID visitId) {
        return regions.ofVisit(visitId).visits().events(visitId).stream().map(VisitEventRecorded::of).toList();
    }
}
