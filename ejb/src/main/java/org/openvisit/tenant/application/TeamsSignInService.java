package org.openvisit.tenant.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.ehr.OAuthStart;
import org.openvisit.ehr.graph.EntraIdentity;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.ehr.graph.TeamsGraph;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.ClinicianTeamsLink;
import org.openvisit.tenant.domain.model.ClinicianTeamsLinkRepository;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.tenant.domain.model.TeamsSettings;
import org.openvisit.tenant.domain.model.TeamsSettingsRepository;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Clinicians' one-time Microsoft sign-in for organizations on Teams that ask for it
 * ({@link TeamsSettings.ClinicianSignIn}): whether a clinician's launch needs it (the organization holds its visits on
 * Teams, asks for it, and has no link for this EHR user yet), its completion (only the pair EHR user id and Entra
 * tenant and object id is stored), the organizer of a clinician's meetings where the organization lets clinicians
 * organize them, and the links for the organization's administrators to see and remove.
 */
@Stateless
public class TeamsSignInService {

    /** One link as the portal shows it. */
    public record LinkView(UUID id, String ehrUserId, String entraObjectId, java.time.Instant linkedAt)
            implements java.io.Serializable {
    }

    private static final Logger LOG = Logger.getLogger(TeamsSignInService.class.getName());

    @Inject
    private TeamsSettingsRepository settings;

    @Inject
    private ClinicianTeamsLinkRepository links;

    @Inject
    private OrganizationRepository organizations;

    @EJB
    private TeamsSettingsService teams;

    @Inject
    private TeamsGraph graph;

    private final Clock clock = Clock.systemUTC();

    /**
     * The Microsoft sign-in a clinician's launch into a visit of the organization goes through first, or empty when
     * none is needed.
     *
     * @param redirectUri OpenVisit's callback address, as registered with the app (Web platform)
     * @throws GraphFailure the organization's Teams settings cannot be opened
     */
    public Optional<OAuthStart> startIfNeeded(@NotNull UUID organizationId, String ehrUserId,
                                              @NotNull String redirectUri) {
        if (ehrUserId == null || ehrUserId.isBlank() || !asksForSignIn(organizationId)
                || links.find(organizationId, ehrUserId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(graph.signIn().start(teams.connection(organizationId).app(), redirectUri));
    }

    /**
     * Completes a sign-in: the code exchanged, Microsoft's id_token checked, the clinician's link stored (a later
     * sign-in replaces it).
     *
     * @throws GraphFailure Entra refused, or its answer is not a proof of the sign-in
     */
    public void complete(@NotNull UUID organizationId, @NotNull String ehrUserId, @NotNull String redirectUri,
                         @NotNull String code, @NotNull OAuthStart start) {
        EntraIdentity identity = graph.signIn().finish(teams.connection(organizationId).app(), redirectUri, code,
                start);
        Optional<ClinicianTeamsLink> existing = links.find(organizationId, ehrUserId);
        if (existing.isPresent()) {
            existing.get().relink(identity.tenantId(), identity.objectId(), clock.instant());
        } else {
            links.add(new ClinicianTeamsLink(organizationId, ehrUserId, identity.tenantId(), identity.objectId(),
                    clock.instant()));
        }
        LOG.fine(() -> "A clinician of organization " + organizationId + " linked their Microsoft identity");
    }

    /** The Entra object id to organize the clinician's meetings, where the organization lets clinicians do so. */
    public Optional<String> organizerFor(@NotNull UUID organizationId, String ehrUserId) {
        if (ehrUserId == null || settings.find(organizationId).map(TeamsSettings::clinicianSignIn)
                .orElse(TeamsSettings.ClinicianSignIn.OFF) != TeamsSettings.ClinicianSignIn.ORGANIZER) {
            return Optional.empty();
        }
        return links.find(organizationId, ehrUserId).map(ClinicianTeamsLink::entraObjectId);
    }

    /** A page of the organization's links, newest first (operators and the organization's administrators). */
    public List<LinkView> links(@NotNull Actor actor, @NotNull UUID organizationId, int first, int max) {
        requireMayManage(actor, organizationId);
        return links.ofOrganization(organizationId, Math.max(first, 0), Math.max(1, Math.min(max, 200))).stream()
                .map(l -> new LinkView(l.id(), l.ehrUserId(), l.entraObjectId(), l.linkedAt())).toList();
    }

    public long countLinks(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayManage(actor, organizationId);
        return links.countOf(organizationId);
    }

    /** Removes a link: the clinician signs in again at their next Teams launch. */
    public boolean unlink(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID linkId) {
        requireMayManage(actor, organizationId);
        return links.remove(organizationId, linkId);
    }

    private boolean asksForSignIn(UUID organizationId) {
        boolean onTeams = organizations.find(organizationId).map(o -> TeamsSettingsService.TEAMS
                .equals(o.meetingPlatform())).orElse(false);
        return onTeams && settings.find(organizationId).map(TeamsSettings::clinicianSignIn)
                .orElse(TeamsSettings.ClinicianSignIn.OFF) != TeamsSettings.ClinicianSignIn.OFF;
    }

    private static void requireMayManage(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization may "
                    + "see and remove its clinicians' Microsoft links.").worded("teams.linksForbidden");
        }
    }
}
