package org.openvisit.identity.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.application.AccountPage;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.AccountSummary;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.UUID;

/**
 * An organization's portal users: create one (an operator, or an ORG_ADMIN of the organization) and list
 * them. No answer ever contains a password or its hash.
 */
@Path("organizations/{organizationId}/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.USERS)
public class UserResource {

    @EJB
    private AccountService accounts;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uriInfo;

    @GET
    @Operation(operationId = "listUsers",
            summary = "List the organization's users by username, one page at a time",
            description = "For operators and the organization's administrators (ORG_ADMIN); others get 403.")
    public AccountPage list(@PathParam("organizationId") String organizationId,
                            @QueryParam("first") @DefaultValue("0") int first,
                            @QueryParam("max") @DefaultValue("50") int max) {
        return accounts.listMembers(caller.actor(), parseId(organizationId), first, max);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user of the organization",
            description = "Body: {username, displayName, roles: [ORG_ADMIN | EHR_ANALYST | REPORT_READER], password}. "
                    + "An operator may create users of any organization, an ORG_ADMIN only of their own. "
                    + "The password must have at least 12 characters. Answers 201 with the user (no password).")
    public Response create(@PathParam("organizationId") String organizationId, UserRequest request) {
        UUID organization = parseId(organizationId);
        if (request == null) {
            throw new InvalidValueException("request",
                    "A JSON body with username, displayName, roles and password is required.");
        }
        SignedInUser created = accounts.createAccount(caller.actor(), request.toCommand(organization));
        AccountSummary summary = accounts.summary(created.username()).orElseThrow();
        return Response.created(uriInfo.getAbsolutePathBuilder().path(summary.username()).build())
                .entity(summary)
                .build();
    }

    @GET
    @Path("{username}")
    @Operation(operationId = "readUser",
            summary = "Read one user of the organization")
    public AccountSummary read(@PathParam("organizationId") String organizationId,
                               @PathParam("username") String username) {
        return accounts.findMember(caller.actor(), parseId(organizationId), username)
                .orElseThrow(() -> new NotFoundException("No user " + username + " in this organization"));
    }

    @jakarta.ws.rs.PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give one of the organization's users new roles",
            description = "Body: {\"roles\": [ORG_ADMIN | EHR_ANALYST | REPORT_READER, ...]}. An operator for any "
                    + "organization, an ORG_ADMIN for their own; nobody for themselves (403). Audited. Takes effect at "
                    + "the user's next request.")
    public AccountSummary changeRoles(@PathParam("organizationId") String organizationId,
                                      @PathParam("username") String username, RolesRequest request) {
        UUID organization = parseId(organizationId);
        accounts.findMember(caller.actor(), organization, username)
                .orElseThrow(() -> new NotFoundException("No user " + username + " in this organization"));
        if (request == null || request.roles() == null || request.roles().isEmpty()) {
            throw new InvalidValueException("roles", "Give the user at least one role.");
        }
        java.util.Set<org.openvisit.tenant.domain.model.Role> roles = java.util.EnumSet.noneOf(
                org.openvisit.tenant.domain.model.Role.class);
        for (String role : request.roles()) {
            try {
                roles.add(org.openvisit.tenant.domain.model.Role.valueOf(String.valueOf(role).strip()));
            } catch (IllegalArgumentException notARole) {
                throw new InvalidValueException("roles", "Roles are ORG_ADMIN, EHR_ANALYST or REPORT_READER.");
            }
        }
        return accounts.changeRoles(caller.actor(), username, roles);
    }

    @POST
    @Path("{username}/password-reset")
    @Operation(summary = "Reset a user's password to a one-time password",
            description = "Answers {username, oneTimePassword} once; nothing keeps the password. The user must choose "
                    + "a new password in the portal at the next sign-in (until then the API answers 403 for them). "
                    + "An operator for any organization, an ORG_ADMIN for their own; nobody for themselves; not with "
                    + "the identity provider's sign-in. Audited (never the password).")
    public Response resetPassword(@PathParam("organizationId") String organizationId,
                                  @PathParam("username") String username) {
        accounts.findMember(caller.actor(), parseId(organizationId), username)
                .orElseThrow(() -> new NotFoundException("No user " + username + " in this organization"));
        return Response.ok(accounts.resetPassword(caller.actor(), username))
                .header("Cache-Control", "no-store").build();
    }

    /** The body of PUT .../roles. */
    public record RolesRequest(java.util.List<String> roles) {
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + id);
        }
    }
}
