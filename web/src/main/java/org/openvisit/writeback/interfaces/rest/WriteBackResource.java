package org.openvisit.writeback.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.writeback.application.QueueItem;
import org.openvisit.writeback.application.WriteBackItemNotFoundException;
import org.openvisit.writeback.application.WriteBackQueue;
import org.openvisit.writeback.application.WriteBackQueueService;
import org.openvisit.writeback.domain.model.DeliveryStatus;
import org.openvisit.writeback.domain.model.WriteBackAdapter;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** An endpoint's write-back queue; retry and discard are for the organization's administrators. */
@Path("endpoints/{id}/write-back")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.WRITE_BACK)
public class WriteBackResource {

    @EJB
    private WriteBackQueueService service;

    @Inject
    private ApiCaller caller;

    /** The adapter choice, the backend client id (none: the default), the calls at once (none: the installation's). */
    public record SettingsRequest(String adapter, String clientId, Integer callLimit) {
    }

    @GET
    @Operation(summary = "The endpoint's write-back queue (pending, in flight, retrying, failed) and health",
            description = "status: a comma-separated filter (PENDING,IN_FLIGHT,RETRYING,FAILED,DELIVERED,DISCARDED).")
    public WriteBackQueue queue(@PathParam("id") String id, @QueryParam("status") String status,
                                @QueryParam("first") @DefaultValue("0") int first,
                                @QueryParam("max") @DefaultValue("50") int max) {
        return service.queue(caller.actor(), uuid(id, "id"), statuses(status), first, max);
    }

    @POST
    @Path("items/{item}/retry")
    @Operation(operationId = "retryWriteBackItem",
            summary = "Try a failed item again now (ORG_ADMIN)")
    public QueueItem retry(@PathParam("id") String id, @PathParam("item") String item) {
        return service.retry(caller.actor(), uuid(id, "id"), uuid(item, "item"));
    }

    @POST
    @Path("items/{item}/discard")
    @Operation(summary = "Discard an item: it is never delivered (ORG_ADMIN)")
    public QueueItem discard(@PathParam("id") String id, @PathParam("item") String item) {
        return service.discard(caller.actor(), uuid(id, "id"), uuid(item, "item"));
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the adapter (FHIR or EPIC_CONNECTION_STATUS), backend client id and calls at once "
            + "from each node, 1-64 (ORG_ADMIN)")
    public WriteBackQueue configure(@PathParam("id") String id, SettingsRequest request) {
        if (request == null || request.adapter() == null) {
            throw new InvalidValueException("adapter", "Name the adapter: FHIR or EPIC_CONNECTION_STATUS.");
        }
        WriteBackAdapter adapter;
        try {
            adapter = WriteBackAdapter.valueOf(request.adapter().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("adapter", "The adapter is FHIR or EPIC_CONNECTION_STATUS.");
        }
        return service.configure(caller.actor(), uuid(id, "id"), adapter, request.clientId(), request.callLimit());
    }

    private static Set<DeliveryStatus> statuses(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<DeliveryStatus> s = EnumSet.noneOf(DeliveryStatus.class);
        for (String part : List.of(text.split(","))) {
            try {
                s.add(DeliveryStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("status", "Unknown status '" + part.strip() + "'.");
            }
        }
        return s;
    }

    private static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
