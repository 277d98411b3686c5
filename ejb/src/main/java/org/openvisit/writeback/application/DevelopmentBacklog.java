package org.openvisit.writeback.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitRepository;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.openvisit.tenant.domain.model.DataRegion;

/**
 * Development mode only (refused in production): makes visits of an endpoint with the EHR references
 * given and records a series of events in each through the real event stream, so that their delivery
 * tasks come from the real outbox. For the write-back tests and the benchmark, where the built-in rooms
 * that normally record these events are not driven.
 */
@Stateless
public class DevelopmentBacklog {

    private static final VisitEventType[] SERIES = {VisitEventType.LOBBY_JOINED, VisitEventType.CONNECTED,
            VisitEventType.ADMITTED, VisitEventType.CONNECTED, VisitEventType.DEVICE_TEST, VisitEventType.DISCONNECTED,
            VisitEventType.CONNECTED, VisitEventType.LEFT};
    private static final AttendeeRole[] ROLES = {AttendeeRole.PATIENT, AttendeeRole.PROVIDER, AttendeeRole.PATIENT,
            AttendeeRole.PATIENT, AttendeeRole.GUEST, AttendeeRole.PATIENT, AttendeeRole.PATIENT, AttendeeRole.PROVIDER};

    @Inject
    private OutboundAddressConfiguration addresses;

    @Inject
    private FhirEndpointRepository endpoints;

    @EJB
    private org.openvisit.region.application.RegionDirectory regions;

    @Inject
    private EhrContextSeal seal;

    @EJB
    private VisitEvents events;

    @EJB
    private WriteBackRelay relay;

    @Resource
    private SessionContext context;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /** One visit per appointment/encounter pair given (cycled), {@code eventsPerVisit} events each, the last VISIT_ENDED. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<UUID> make(Actor actor, UUID endpointId, int visitCount, int eventsPerVisit, List<String> appointments,
                           List<String> encounters) {
        check(actor);
        if (visitCount < 1 || visitCount > 20_000 || eventsPerVisit < 1 || eventsPerVisit > 50) {
            throw new IllegalArgumentException("1-20000 visits of 1-50 events.");
        }
        FhirEndpoint endpoint = endpoints.find(endpointId).orElseThrow(() -> new EndpointNotFoundException(endpointId));
        DataRegion region = regions.regionOfOrganization(endpoint.organizationId());
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < visitCount; i++) {
            String appointment = appointments.isEmpty() ? null : appointments.get(i % appointments.size());
            String encounter = encounters.isEmpty() ? null : encounters.get(i % encounters.size());
            made.add(self().visitWithEvents(endpoint.id(), endpoint.organizationId(), region, eventsPerVisit,
                    new EhrContext(appointment, encounter)));
        }
        return made;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UUID visitWithEvents(UUID endpointId, UUID organizationId, DataRegion region, int eventsPerVisit,
                                EhrContext context) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        Visit visit = Visit.schedule(endpointId, organizationId, region, VisitKeyKind.APPOINTMENT,
                new AppointmentHash(HexFormat.of().formatHex(hash)), null, clock.instant());
        VisitRepository visits = regions.ready(region).visits();
        visits.add(visit);
        visit.rememberEhrContext(seal.seal(visit.id(), context));
        visits.flush(); // the event stream locks (and so re-reads) the visit
        for (int n = 0; n < eventsPerVisit; n++) {
            boolean last = n == eventsPerVisit - 1;
            events.record(visit.id(), last ? VisitEventType.VISIT_ENDED : SERIES[n % SERIES.length],
                    last ? AttendeeRole.PROVIDER : ROLES[n % ROLES.length], "dev-" + (n % 4), null);
        }
        return visit.id();
    }

    /** Pauses or resumes this node's relay (the benchmark builds a backlog, then measures the drain). */
    public void relay(Actor actor, boolean running) {
        check(actor);
        relay.run(running);
    }

    private void check(Actor actor) {
        if (!addresses.policy().developmentMode()) {
            throw new ForbiddenException("Development mode only.");
        }
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Operators only.");
        }
    }

    private DevelopmentBacklog self() {
        return context.getBusinessObject(DevelopmentBacklog.class);
    }
}
