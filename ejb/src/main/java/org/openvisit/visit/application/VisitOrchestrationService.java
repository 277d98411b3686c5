package org.openvisit.visit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.constraints.NotNull;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens the one visit of an appointment (or conference) on an approved endpoint, however many
 * launches arrive at once, on however many nodes: the database's unique endpoint + appointment hash
 * decides which insert wins; the others roll back and, run again, read the winner's visit. The meeting
 * is made together with the visit, by a platform whose meetings are idempotent per visit, so one visit
 * has one meeting.
 */
@Stateless
public class VisitOrchestrationService {

    @Inject
    private AppointmentHasher hasher;

    @Inject
    private FhirEndpointRepository endpoints;

    @EJB
    private RegionDirectory regions;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private MeetingPlatforms meetings;

    @EJB
    private VisitEvents events;

    @Inject
    private jakarta.enterprise.event.Event<VisitDetailsLearned> learned;

    @Inject
    private EhrContextSeal contextSeal;

    @Resource
    private SessionContext context;

    @jakarta.ejb.EJB
    private org.openvisit.region.application.RegionMoves regionMoves;

    private final Clock clock = Clock.systemUTC();

    /**
     * Everything a launch opens, inside the caller's transaction (one per launch): the visit of the key,
     * stored with its meeting on the first launch; the launching clinician as a participant (once; a
     * patient is recorded nowhere); the EHR's references, sealed, from the first launch that brings them.
     * Empty, with the transaction marked for rollback, when a concurrent launch stored the same visit,
     * participant or references first: the caller runs its transaction again and finds them.
     *
     * @throws ConflictException the endpoint is not approved
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<OpenedVisit> tryOpen(@NotNull VisitOpening opening, @NotNull LaunchTarget target) {
        if (!target.endpointId().equals(opening.endpointId())) {
            throw new IllegalArgumentException("The launch target is another endpoint's.");
        }
        VisitRepository visits = regions.ready(target.region()).visits();
        AppointmentHash hash = hasher.hash(target.endpointId(), opening.key());
        Instant now = clock.instant();
        try {
            Optional<Visit> existing = visits.findByKey(target.endpointId(), hash);
            Visit visit = existing.orElseGet(() -> Visit.schedule(target.endpointId(), target.organizationId(),
                    target.region(), opening.key().kind(), hash, opening.departmentId(), now));
            if (existing.isEmpty()) {
                visits.add(visit); // a concurrent first launch of the same key fails here
                visit.attachMeeting(meetings.named(target.meetingPlatform()).createOrGetMeeting(visit,
                        opening.isPatient() ? null : opening.ehrUserId()));
            }
            if (!opening.isPatient() && !visits.hasParticipant(visit.id(), opening.ehrUserId())) {
                visits.addParticipant(visit.participant(opening.ehrUserId(), opening.role(), now));
            }
            if (!opening.ehrContext().isEmpty() && visit.sealedEhrContext().isEmpty()) {
                visit.rememberEhrContext(contextSeal.seal(visit.id(), opening.ehrContext()));
            }
            visits.flush(); // the visit's version check surfaces here when another launch stored references
            return Optional.of(new OpenedVisit(view(visits, visit), existing.isEmpty()));
        } catch (PersistenceException anotherLaunchWasFirst) {
            if (RegionUnavailableException.isStoreFailure(anotherLaunchWasFirst)) {
                throw new RegionUnavailableException(target.region(), anotherLaunchWasFirst); // no: the store is down
            }
            context.setRollbackOnly();
            return Optional.empty();
        }
    }

    /**
     * What a launch on the endpoint opens its visit with, read from the global store outside any transaction (so
     * that the launch's own transaction stays within the organization's regional store).
     *
     * @throws ConflictException the endpoint is not approved
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LaunchTarget launchTarget(@NotNull UUID endpointId) {
        FhirEndpoint endpoint = endpoints.find(endpointId).filter(FhirEndpoint::isInService)
                .orElseThrow(() -> new ConflictException("This endpoint is not approved for launches.")
                        .worded("launch.notApproved"));
        Organization organization = organizations.find(endpoint.organizationId())
                .orElseThrow(() -> new ConflictException("This endpoint's organization no longer exists.")
                        .worded("organization.gone"));
        if (regionMoves.launchesPaused(organization.id())) {
            // its data is being copied to another region: a visit opened now would be left behind
            throw new org.openvisit.region.application.OrganizationMovingException(organization.dataRegion());
        }
        return new LaunchTarget(endpoint.id(), organization.id(), organization.dataRegion(),
                organization.meetingPlatform());
    }

    /** The visit with its participants. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<VisitView> find(@NotNull UUID visitId) {
        VisitRepository visits = regions.ofVisit(visitId).visits();
        return visits.find(visitId).map(v -> view(visits, v));
    }

    /**
     * The id a region move gave the visit that had {@code visitId}: a move renames the ids that name the old region to
     * name the new one (the same bits but the region's digit), so a join link given out before the move names an id
     * its region no longer holds. Looks for the renamed id in each other region; empty when none holds it (or the id
     * names no region: such ids keep their id when moved, and {@link #find} finds them wherever they are). Reads each
     * store on its own (no transaction over two stores).
     *
     * @throws org.openvisit.region.application.RegionUnavailableException a region it may have moved to cannot be
     *                                                                     used now
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<UUID> movedId(@NotNull UUID visitId) {
        Optional<DataRegion> named = DataRegion.ofRecordId(visitId);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        for (DataRegion region : DataRegion.values()) {
            if (region == named.get()) {
                continue;
            }
            UUID renamed = region.rename(visitId);
            if (regions.ready(region).visits().find(renamed).isPresent()) {
                return Optional.of(renamed);
            }
        }
        return Optional.empty();
    }

    /**
     * Keeps when the appointment is booked for, as the EHR said, unless the visit knows it already; the visit's report
     * row shows it at once ({@link VisitDetailsLearned}).
     */
    public void recordBookedTime(@NotNull UUID visitId, @NotNull Instant start, Instant end) {
        learn(visitId, visit -> visit.bookedFor(start, end));
    }

    /**
     * Keeps the department's display name the EHR gave at a launch ({@code Location.name}); never patient data. The
     * visit's report row shows it at once ({@link VisitDetailsLearned}).
     */
    public void recordDepartmentName(@NotNull UUID visitId, @NotNull String name) {
        learn(visitId, visit -> visit.nameDepartment(name));
    }

    /** Changes the visit with its row locked (as its events and summary are written) and tells when it changed. */
    private void learn(UUID visitId, java.util.function.Predicate<Visit> change) {
        VisitRepository visits = regions.ofVisit(visitId).visits();
        Visit visit = visits.findForUpdate(visitId).orElseThrow(VisitNotFoundException::new);
        if (change.test(visit)) {
            visits.flush();
            learned.fire(new VisitDetailsLearned(visitId));
        }
    }

    /**
     * A clinician starts the ended visit again, as a {@code VISIT_RESTARTED} event of the clinician (the visit's history
     * of the transition; written back in the visit's order like every event).
     *
     * @throws VisitNotFoundException                                           no such visit
     * @throws org.openvisit.visit.domain.model.IllegalVisitTransitionException the visit has not ended
     */
    public VisitView restart(@NotNull UUID visitId) {
        events.record(visitId, VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null);
        VisitRepository visits = regions.ofVisit(visitId).visits();
        return view(visits, visits.find(visitId).orElseThrow(VisitNotFoundException::new));
    }

    /** Ends the visit and its meeting, as a {@code VISIT_ENDED} event of the clinician. */
    public VisitView end(@NotNull UUID visitId) {
        events.record(visitId, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, null, null);
        VisitRepository visits = regions.ofVisit(visitId).visits();
        return view(visits, visits.find(visitId).orElseThrow(VisitNotFoundException::new));
    }

    private VisitView view(VisitRepository visits, Visit v) {
        return new VisitView(v.id(), v.endpointId(), v.organizationId(), v.keyKind(), v.departmentId().orElse(null),
                v.status(), v.meeting().orElse(null), meetings.of(v).joinUrl(v, JoinRole.PROVIDER),
                meetings.of(v).joinUrl(v, JoinRole.PATIENT), v.createdAt(), v.startedAt().orElse(null),
                v.endedAt().orElse(null), visits.participants(v.id()).stream().map(ParticipantView::of).toList(),
                v.appointmentStart().orElse(null), v.appointmentEnd().orElse(null), v.departmentName().orElse(null));
    }
}
