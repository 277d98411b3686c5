package org.openvisit.writeback.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.writeback.application.DevelopmentBacklog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Development mode only, operators only (403 otherwise): visits with series of events for the write-back
 * tests and benchmark, and pausing this node's relay.
 */
@Path("write-back/development")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.WRITE_BACK)
public class DevelopmentBacklogResource {

    /** What to make. */
    public record BacklogRequest(String endpointId, int visits, int eventsPerVisit, List<String> appointments,
                                 List<String> encounters) {
    }

    /** Whether the relay runs. */
    public record RelayRequest(boolean running) {
    }

    @EJB
    private DevelopmentBacklog backlog;

    @Inject
    private ApiCaller caller;

    @POST
    @Path("backlog")
    @Operation(summary = "Development mode: make visits with events (their write-back tasks come from the outbox)")
    public Map<String, Object> make(BacklogRequest request) {
        if (request == null || request.endpointId() == null) {
            throw new InvalidValueException("endpointId", "Name the endpoint.");
        }
        UUID endpoint;
        try {
            endpoint = UUID.fromString(request.endpointId());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("endpointId", "Not an endpoint id.");
        }
        if (request.visits() < 1 || request.visits() > 20_000 || request.eventsPerVisit() < 1
                || request.eventsPerVisit() > 50) {
            throw new InvalidValueException("visits", "1-20000 visits of 1-50 events each.");
        }
        {
            List<UUID> visits = backlog.make(caller.actor(), endpoint, request.visits(), request.eventsPerVisit(),
                    request.appointments() == null ? List.of() : request.appointments(),
                    request.encounters() == null ? List.of() : request.encounters());
            return Map.of("visits", visits.stream().map(UUID::toString).toList());
        }
    }

    @PUT
    @Path("relay")
    @Operation(summary = "Development mode: pause or resume this node's write-back relay")
    public RelayRequest relay(RelayRequest request) {
        backlog.relay(caller.actor(), request != null && request.running());
        return new RelayRequest(request != null && request.running());
    }
}
