package org.openvisit.visit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of opening a visit, each in a transaction of its own so that a step that loses a race
 * (another launch stored the same visit or participant first) rolls back alone and the caller reads
 * what the winner stored. Used only by {@link VisitOrchestrationService}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class VisitCreation {

    @Inject
    private VisitRepository visits;

    @Inject
    private MeetingPlatforms meetings;

    @Inject
    private OrganizationRepository organizations;

    @Resource
    private SessionContext context;

    private final Clock clock = Clock.systemUTC();

    public Optional<UUID> findByKey(UUID endpointId, AppointmentHash hash) {
        return visits.findByKey(endpointId, hash).map(Visit::id);
    }

    /**
     * Stores a new visit with its meeting; empty (and nothing stored) when the database already holds
     * a visit for this endpoint and hash, or another launch is storing one at this moment.
     */
    public Optional<UUID> tryCreate(UUID endpointId, UUID organizationId, VisitKeyKind kind, AppointmentHash hash,
                                    String departmentId) {
        Visit visit = Visit.schedule(endpointId, organizationId, kind, hash, departmentId, clock.instant());
        try {
            visits.add(visit);
        } catch (PersistenceException anotherLaunchWasFirst) {
            context.setRollbackOnly();
            return Optional.empty();
        }
        String platform = organizations.find(organizationId).map(Organization::meetingPlatform)
                .orElse(Organization.DEFAULT_MEETING_PLATFORM);
        visit.attachMeeting(meetings.named(platform).createOrGetMeeting(visit));
        return Optional.of(visit.id());
    }

    /** Records the clinician's first launch of the visit; false when they had launched it already. */
    public boolean tryAddParticipant(UUID visitId, String ehrUserId, ParticipantRole role) {
        if (visits.hasParticipant(visitId, ehrUserId)) {
            return false;
        }
        Visit visit = visits.find(visitId).orElseThrow(() -> new IllegalStateException("The visit disappeared."));
        try {
            visits.addParticipant(visit.participant(ehrUserId, role, clock.instant()));
            return true;
        } catch (PersistenceException sameClinicianInAnotherLaunch) {
            context.setRollbackOnly();
            return false;
        }
    }

    public boolean hasEhrContext(UUID visitId) {
        return visits.find(visitId).flatMap(Visit::sealedEhrContext).isPresent();
    }

    /** Stores the sealed references unless the visit has some; a concurrent launch storing them first wins. */
    public void tryRememberEhrContext(UUID visitId, String sealedContext) {
        Visit visit = visits.find(visitId).orElseThrow(() -> new IllegalStateException("The visit disappeared."));
        try {
            if (visit.rememberEhrContext(sealedContext)) {
                visits.flush();
            }
        } catch (PersistenceException anotherLaunchStoredThem) {
            context.setRollbackOnly();
        }
    }
}
