package org.openvisit.tenant.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.ConnectionCheck;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.application.TeamsSettingsChange;
import org.openvisit.tenant.application.TeamsSettingsService;
import org.openvisit.tenant.application.TeamsSettingsView;
import org.openvisit.tenant.domain.model.TeamsSettings;
import org.openvisit.tenant.domain.model.TeamsSettings.LobbyBypass;
import org.openvisit.tenant.domain.model.TeamsSettings.MeetingChat;
import org.openvisit.tenant.interfaces.web.ConnectionCheckWords;
import org.openvisit.tenant.interfaces.web.PermissionWords;
import org.openvisit.tenant.interfaces.web.TenantText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An organization's Microsoft Teams settings, as on its Teams screen: read (never the credential), save, Test
 * connection, the switch of its new visits to Teams or back, and the clinicians' Microsoft links (see and remove). The
 * organization's administrators and operators.
 */
@Path("organizations/{id}/teams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORGANIZATIONS)
public class TeamsSettingsResource {

    @EJB
    private TeamsSettingsService teams;

    @EJB
    private org.openvisit.tenant.application.TeamsSignInService signIns;

    /** A page of the clinicians' Microsoft links. */
    public record LinkPage(java.util.List<org.openvisit.tenant.application.TeamsSignInService.LinkView> items,
                           long total) {
    }

    @Inject
    private ApiCaller caller;

    /** The body of PUT: certificatePem or clientSecret replaces the credential; both absent keep it. */
    public record TeamsSettingsRequest(String tenantId, String clientId, String organizer, String lobbyBypass,
                                       String meetingChat, Boolean entryExitAnnounced, String certificatePem,
                                       String clientSecret, String clinicianSignIn) {
    }

    /** The body of PUT .../platform. */
    public record PlatformRequest(String meetingPlatform) {
    }

    @GET
    @Operation(operationId = "readTeamsSettings",
            summary = "The organization's Teams settings (the credential's kind, thumbprint and expiry, never the "
                    + "credential)")
    public TeamsSettingsView read(@PathParam("id") String id) {
        return teams.find(caller.actor(), parseId(id))
                .orElseThrow(() -> new NotFoundException("This organization has no Teams settings yet."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveTeamsSettings",
            summary = "Save the organization's Teams settings",
            description = "Body: tenantId, clientId, organizer, lobbyBypass (ORGANIZATION or ORGANIZER), meetingChat "
                    + "(ENABLED, DISABLED, LIMITED), entryExitAnnounced, and certificatePem (certificate + PKCS#8 private "
                    + "key) or clientSecret; optionally clinicianSignIn (OFF, LINK: clinicians sign in with Microsoft "
                    + "once, ORGANIZER: and then organize their visits' meetings; absent: unchanged).")
    public TeamsSettingsView save(@PathParam("id") String id, TeamsSettingsRequest body) {
        if (body == null) {
            throw new InvalidValueException("body", "Send the Teams settings as JSON.");
        }
        return teams.save(caller.actor(), parseId(id), new TeamsSettingsChange(body.tenantId(), body.clientId(),
                body.organizer(), option(LobbyBypass.class, body.lobbyBypass(), LobbyBypass.ORGANIZATION, "lobbyBypass"),
                option(MeetingChat.class, body.meetingChat(), MeetingChat.ENABLED, "meetingChat"),
                Boolean.TRUE.equals(body.entryExitAnnounced()), body.certificatePem(), body.clientSecret(),
                body.clinicianSignIn() == null ? null
                        : option(TeamsSettings.ClinicianSignIn.class, body.clinicianSignIn(),
                        TeamsSettings.ClinicianSignIn.OFF, "clinicianSignIn")));
    }

    @POST
    @Path("check")
    @Operation(summary = "Test connection: a real token request and the check meeting's createOrGet",
            description = "Answers ok (meetings can be made), and when not, failure (what is missing) and detail "
                    + "(Microsoft's answer); once a token was had, permissions: each Graph application permission "
                    + "OpenVisit uses (permission, graphName, granted), read from the token's roles claim "
                    + "(permissionsRead false when the token could not be read); words: the outcome, and each permission's "
                    + "use and the Entra steps for a missing one, as on the Teams page in the Accept-Language.")
    public CheckAnswer check(@PathParam("id") String id,
                             @Context HttpServletRequest request) {
        ConnectionCheck check = teams.check(caller.actor(), parseId(id));
        var texts = TenantText.of(request);
        var lines = PermissionWords.of(check, texts::get, texts::format);
        List<PermissionAnswer> permissions = new ArrayList<>();
        for (int i = 0; i < check.permissions().size(); i++) {
            var grant = check.permissions().get(i);
            permissions.add(new PermissionAnswer(grant.permission().name(), grant.graphName(), grant.granted(),
                    lines.get(i).text()));
        }
        return new CheckAnswer(check.ok(), check.failure() == null ? null : check.failure().name(),
                ConnectionCheckWords.of(check, texts::get), check.detail(),
                check.checkedAt(), check.permissionsRead(), permissions);
    }

    /**
     * Test connection's answer: as the service's {@link ConnectionCheck}, with the page's words in the request's
     * language ({@code words}, and each permission's) beside the codes scripts test.
     */
    public record CheckAnswer(boolean ok, String failure, String words, String detail, Instant checkedAt,
                              boolean permissionsRead, List<PermissionAnswer> permissions) {
    }

    /** One application permission: granted or missing, and in words what it is for and what Entra needs. */
    public record PermissionAnswer(String permission, String graphName, boolean granted, String words) {
    }

    @PUT
    @Path("platform")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the organization's new visits meet: microsoft-teams (only with settings) or builtin-rooms")
    public OrganizationSummary usePlatform(@PathParam("id") String id, PlatformRequest body) {
        if (body == null || body.meetingPlatform() == null || body.meetingPlatform().isBlank()) {
            throw new InvalidValueException("meetingPlatform", "Name the meeting platform: microsoft-teams or "
                    + "builtin-rooms.");
        }
        return teams.usePlatform(caller.actor(), parseId(id), body.meetingPlatform().strip());
    }

    private static <E extends Enum<E>> E option(Class<E> type, String value, E otherwise, String field) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "Unknown " + field + " '" + value + "'; one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    /** The state of the organization's subscription to its Teams call records, with the words the Teams page shows. */
    public record CallRecordsState(boolean active, java.time.Instant expiresAt, String failure, String words,
                                   String detail) {
    }

    @GET
    @Path("call-records")
    @Operation(summary = "Call quality of Teams visits: the organization's Microsoft Graph subscription to its call "
            + "records", description = "active, expiresAt, failure (what is missing, e.g. "
            + "CALL_RECORDS_PERMISSION_MISSING), words (in the Accept-Language, as on the Teams page) and detail "
            + "(Microsoft's answer).")
    public CallRecordsState callRecords(@PathParam("id") String id,
                                        @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest request) {
        var state = teams.callSubscription(caller.actor(), parseId(id))
                .orElseThrow(() -> new NotFoundException("This organization has no Teams settings yet."));
        var texts = org.openvisit.tenant.interfaces.web.TenantText.of(request);
        return new CallRecordsState(state.active(), state.expiresAt(), state.failure(),
                org.openvisit.tenant.interfaces.web.CallQualityWords.of(state, texts::get, texts::format),
                state.error());
    }

    @GET
    @Path("links")
    @Operation(summary = "The clinicians' links to their Microsoft identity (EHR user id and Entra object id), newest "
            + "first", description = "first (from 0), max (1 to 200, default 50).")
    public LinkPage links(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("first")
                          @jakarta.ws.rs.DefaultValue("0") int first, @jakarta.ws.rs.QueryParam("max")
                          @jakarta.ws.rs.DefaultValue("50") int max) {
        UUID organizationId = parseId(id);
        return new LinkPage(signIns.links(caller.actor(), organizationId, first, max),
                signIns.countLinks(caller.actor(), organizationId));
    }

    @jakarta.ws.rs.DELETE
    @Path("links/{link}")
    @Operation(operationId = "unlinkMicrosoftIdentity",
            summary = "Remove a clinician's Microsoft link: they sign in again at their next Teams launch")
    public jakarta.ws.rs.core.Response unlink(@PathParam("id") String id, @PathParam("link") String link) {
        if (!signIns.unlink(caller.actor(), parseId(id), parseId(link))) {
            throw new NotFoundException("No such link.");
        }
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + id);
        }
    }
}
