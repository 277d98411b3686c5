package org.openvisit.visit.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKey;
import org.openvisit.visit.domain.model.VisitRepository;

import java.util.Optional;
import java.util.UUID;

/**
 * Opens the one visit of an appointment (or conference) on an approved endpoint, however many
 * launches arrive at once, on however many nodes: the database's unique endpoint + appointment hash
 * decides which insert wins, the others read the winner's visit. The meeting is made together with
 * the visit, by a platform whose meetings are idempotent per visit, so one visit has one meeting.
 */
@Stateless
public class VisitOrchestrationService {

    private static final int ATTEMPTS = 8;

    @EJB
    private VisitCreation creation;

    @Inject
    private AppointmentHasher hasher;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private VisitRepository visits;

    @Inject
    private MeetingPlatforms meetings;

    @EJB
    private VisitEvents events;

    @Inject
    private EhrContextSeal contextSeal;


    /**
     * The visit of {@code key} on the endpoint, made on the first launch; the launching clinician is
     * recorded as a participant (once). Runs outside a transaction: each step commits on its own.
     *
     * @param ehrUserId    the launching clinician's EHR user id (the only person identifier kept)
     * @param departmentId the launch's location, or {@code null}
     * @throws ConflictException the endpoint is not approved
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public OpenedVisit openVisit(@NotNull(message = "The endpoint is required.") UUID endpointId,
                                 @NotNull(message = "The appointment or conference is required.") VisitKey key,
                                 @NotBlank(message = "The EHR user is required.") String ehrUserId,
                                 @NotNull(message = "The role is required.") ParticipantRole role,
                                 String departmentId) {
        OpenedKey opened = findOrCreate(endpointId, key, departmentId);
        creation.tryAddParticipant(opened.visitId(), ehrUserId.strip(), role);
        return new OpenedVisit(find(opened.visitId()).orElseThrow(VisitNotFoundException::new), opened.created());
    }

    private record OpenedKey(UUID visitId, boolean created) {
    }

    private OpenedKey findOrCreate(UUID endpointId, VisitKey key, String departmentId) {
        FhirEndpoint endpoint = endpoints.find(endpointId).filter(FhirEndpoint::isInService)
                .orElseThrow(() -> new ConflictException("This endpoint is not approved for launches."));
        AppointmentHash hash = hasher.hash(endpointId, key);
        UUID visitId = null;
        boolean created = false;
        for (int attempt = 1; visitId == null; attempt++) {
            Optional<UUID> existing = creation.findByKey(endpointId, hash);
            if (existing.isPresent()) {
                visitId = existing.get();
            } else {
                Optional<UUID> made = creation.tryCreate(endpointId, endpoint.organizationId(), key.kind(), hash,
                        departmentId);
                if (made.isPresent()) {
                    visitId = made.get();
                    created = true;
                } else if (attempt >= ATTEMPTS) {
                    throw new ConflictException("The visit could not be opened: too many launches at once. "
                            + "Please try again.");
                } else {
                    pause(attempt); // the winner's transaction may not have committed yet
                }
            }
        }
        return new OpenedKey(visitId, created);
    }

    /**
     * The visit of {@code key} for a patient's launch: made on the first launch like a clinician's, but
     * nothing of the patient is recorded (no participant row, no id).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public OpenedVisit openVisitAsPatient(@NotNull(message = "The endpoint is required.") UUID endpointId,
                                          @NotNull(message = "The appointment or conference is required.") VisitKey key,
                                          String departmentId) {
        OpenedKey opened = findOrCreate(endpointId, key, departmentId);
        return new OpenedVisit(find(opened.visitId()).orElseThrow(VisitNotFoundException::new), opened.created());
    }

    /** The visit with its participants. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<VisitView> find(@NotNull UUID visitId) {
        return visits.find(visitId).map(this::view);
    }

    /** Ends the visit and its meeting, as a {@code VISIT_ENDED} event of the clinician. */
    public VisitView end(@NotNull UUID visitId) {
        events.record(visitId, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, null, null);
        return view(visits.find(visitId).orElseThrow(VisitNotFoundException::new));
    }

    /**
     * Keeps the EHR's references (sealed) for write-back, from the first launch that brings them; when
     * launches arrive at once, one stores them and the others find them stored.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void rememberEhrContext(@NotNull UUID visitId, @NotNull EhrContext context) {
        if (!context.isEmpty() && !creation.hasEhrContext(visitId)) {
            creation.tryRememberEhrContext(visitId, contextSeal.seal(visitId, context));
        }
    }

    private VisitView view(Visit v) {
        return new VisitView(v.id(), v.endpointId(), v.organizationId(), v.keyKind(), v.departmentId().orElse(null),
                v.status(), v.meeting().orElse(null), meetings.of(v).joinUrl(v, JoinRole.PROVIDER),
                meetings.of(v).joinUrl(v, JoinRole.PATIENT), v.createdAt(), v.startedAt().orElse(null),
                v.endedAt().orElse(null), visits.participants(v.id()).stream().map(ParticipantView::of).toList());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("The visit could not be opened (interrupted).");
        }
    }
}
