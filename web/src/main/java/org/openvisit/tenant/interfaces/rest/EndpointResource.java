package org.openvisit.tenant.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.rest.Problem;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointView;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One FHIR endpoint: read it with its history, edit it, and the approval actions. Every answer carries
 * the endpoint and its {@code ETag: "<version>"}. An endpoint of another organization is answered 404,
 * exactly like one that does not exist.
 */
@Path("endpoints/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.FHIR_ENDPOINTS)
public class EndpointResource {

    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    @EJB
    private EndpointService endpoints;

    @Inject
    private ApiCaller caller;

    @GET
    @Operation(operationId = "readEndpoint",
            summary = "Read a FHIR endpoint with its whole history",
            description = "The answer's ETag header (and its version field) is what an edit must send back.")
    public Response read(@PathParam("id") String id) {
        return answer(endpoints.find(caller.actor(), parseId(id)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editEndpoint",
            summary = "Edit a FHIR endpoint (an ORG_ADMIN of its organization)",
            description = "Body: {baseUrl, environment, label, approver, version} with all values, changed or not. "
                    + "The expected version is required: send the ETag of the endpoint you read as If-Match: \"<version>\" "
                    + "or put it in the body's version field (both may be sent when they agree). Without it the answer "
                    + "is 428; when the endpoint changed since that version, 409 and nothing is saved. An endpoint "
                    + "under or after review goes back to AWAITING_APPROVAL. A new baseUrl that another organization "
                    + "of this installation uses is saved only with sharedEhr: true (a shared EHR), else 409.")
    public Response edit(@PathParam("id") String id,
                         @Parameter(description = "The version the edit is based on, as the ETag gave it: \"3\"")
                         @HeaderParam("If-Match") String ifMatch,
                         EndpointRequest request) {
        UUID endpointId = parseId(id);
        if (request == null) {
            throw new InvalidValueException("request",
                    "A JSON body with baseUrl, environment, label, approver and version is required.");
        }
        Long fromHeader = ifMatch == null || ifMatch.isBlank() ? null : parseEntityTag(ifMatch);
        Long fromBody = request.version();
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw new InvalidValueException("version", "The If-Match header says version " + fromHeader
                    + " but the body says " + fromBody + "; send one version, the one you read.");
        }
        Long expected = fromHeader != null ? fromHeader : fromBody;
        if (expected == null) {
            String message = "Send the version of the endpoint you edited, as If-Match: \"<version>\" (the ETag of "
                    + "GET /api/endpoints/" + endpointId + ") or as the body's version field, so that nobody's "
                    + "change is overwritten unseen.";
            return Problem.of(428, "Precondition Required", message,
                    List.of(new Problem.FieldError("version", message))).toResponse();
        }
        return answer(endpoints.edit(caller.actor(), endpointId, request.toChanges(), expected,
                request.sharedEhrConfirmed()));
    }

    @POST
    @Path("submission")
    @Operation(summary = "Submit the endpoint for approval (an ORG_ADMIN; from DRAFT, REJECTED or WITHDRAWN)")
    public Response submit(@PathParam("id") String id) {
        return answer(endpoints.submitForApproval(caller.actor(), parseId(id)));
    }

    @POST
    @Path("approval")
    @Operation(summary = "Approve the endpoint (its named approver, after the EHR sign-in: from EHR_VERIFIED)",
            description = "The EHR sign-in itself happens in the portal: GET /portal/ehr-sign-in/start?endpoint={id}.")
    public Response approve(@PathParam("id") String id) {
        return answer(endpoints.approve(caller.actor(), parseId(id)));
    }

    @POST
    @Path("rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject the endpoint (its named approver; from AWAITING_APPROVAL or EHR_VERIFIED)",
            description = "Body: {reason}, 1 to 500 characters.")
    public Response reject(@PathParam("id") String id, ReasonRequest request) {
        return answer(endpoints.reject(caller.actor(), parseId(id), request == null ? null : request.reason()));
    }

    @POST
    @Path("withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "withdrawEndpoint",
            summary = "Withdraw the endpoint from use (an ORG_ADMIN of its organization, or an operator)",
            description = "Body: {reason}, 1 to 500 characters.")
    public Response withdraw(@PathParam("id") String id, ReasonRequest request) {
        return answer(endpoints.withdraw(caller.actor(), parseId(id), request == null ? null : request.reason()));
    }

    static EntityTag etag(EndpointView endpoint) {
        return new EntityTag(Long.toString(endpoint.version()));
    }

    private static Response answer(EndpointView endpoint) {
        return Response.ok(endpoint).tag(etag(endpoint)).build();
    }

    private static Long parseEntityTag(String header) {
        Matcher m = ENTITY_TAG.matcher(header.strip());
        if (!m.matches()) {
            throw new InvalidValueException("If-Match", "If-Match must be the endpoint's ETag, a version in quotes "
                    + "such as \"3\".");
        }
        return Long.parseLong(m.group(1));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No FHIR endpoint with id " + id);
        }
    }
}
