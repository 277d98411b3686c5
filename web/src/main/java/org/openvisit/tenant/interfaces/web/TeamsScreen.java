package org.openvisit.tenant.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.ConnectionCheck;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.application.TeamsSettingsChange;
import org.openvisit.tenant.application.TeamsSettingsService;
import org.openvisit.tenant.application.TeamsSettingsView;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.tenant.domain.model.TeamsSettings.LobbyBypass;
import org.openvisit.tenant.domain.model.TeamsSettings.ClinicianSignIn;
import org.openvisit.tenant.domain.model.TeamsSettings.MeetingChat;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * An organization's Microsoft Teams screen ({@code /teams.xhtml?org=...}), for its administrators (ORG_ADMIN) and
 * operators: which platform its new visits meet on (and the switch), the Teams settings (the credential is only ever
 * replaced, never shown), and Test connection with what is missing in plain words.
 */
@Named
@ViewScoped
public class TeamsScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private TeamsSettingsService service;

    @EJB
    private OrganizationService organizations;

    @EJB
    private org.openvisit.tenant.application.TeamsSignInService signIns;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private TenantText text;

    private String org;
    private UUID organizationId;
    private OrganizationSummary organization;
    private TeamsSettingsView stored;
    private ConnectionCheck check;
    private org.openvisit.tenant.application.CallSubscriptionView callSubscription;

    private String tenantId;
    private String clientId;
    private String organizer;
    private LobbyBypass lobbyBypass = LobbyBypass.ORGANIZATION;
    private MeetingChat meetingChat = MeetingChat.ENABLED;
    private boolean entryExitAnnounced;
    private ClinicianSignIn clinicianSignIn =
            ClinicianSignIn.OFF;
    private String credentialKind = "CERTIFICATE";
    private String certificatePem;
    private String clientSecret;
    private TeamsLinksPage links;

    public void load() {
        Actor actor = currentUser.actor();
        organizationId = OrganizationContext.of(actor, org).orElse(null);
        organization = null;
        stored = null;
        if (organizationId == null || !(actor.hasRole(Role.OPERATOR) || actor.hasRoleIn(Role.ORG_ADMIN, organizationId))) {
            return;
        }
        organization = organizations.find(organizationId).orElse(null);
        if (organization == null) {
            return;
        }
        links = new TeamsLinksPage(signIns, actor, organizationId);
        try {
            stored = service.find(actor, organizationId).orElse(null);
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
            organization = null;
            return;
        }
        callSubscription = stored == null ? null : service.callSubscription(actor, organizationId).orElse(null);
        if (stored != null) {
            tenantId = stored.tenantId();
            clientId = stored.clientId();
            organizer = stored.organizer();
            lobbyBypass = stored.lobbyBypass();
            meetingChat = stored.meetingChat();
            entryExitAnnounced = stored.entryExitAnnounced();
            clinicianSignIn = stored.clinicianSignIn();
            credentialKind = stored.credentialKind().name();
        }
    }

    public void save() {
        boolean certificate = "CERTIFICATE".equals(credentialKind);
        try {
            service.save(currentUser.actor(), organizationId, new TeamsSettingsChange(tenantId, clientId, organizer,
                    lobbyBypass, meetingChat, entryExitAnnounced, certificate ? certificatePem : null,
                    certificate ? null : clientSecret, clinicianSignIn));
            PortalMessages.info(text.get("teams.saved"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
        certificatePem = null;
        clientSecret = null;
        check = null;
        load();
    }

    public void testConnection() {
        try {
            check = service.check(currentUser.actor(), organizationId);
            // meetings work even with permissions missing: an info message, and the list names each missing one
            if (check.ok()) {
                PortalMessages.info(ConnectionCheckWords.of(check, text::get));
            } else {
                PortalMessages.error(ConnectionCheckWords.of(check, text::get));
            }
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public void useTeams() {
        choose(TeamsSettingsService.TEAMS, "teams.platform.nowTeams");
    }

    public void useBuiltInRooms() {
        choose("builtin-rooms", "teams.platform.nowBuiltin");
    }

    private void choose(String platform, String done) {
        try {
            service.usePlatform(currentUser.actor(), organizationId, platform);
            PortalMessages.info(text.get(done));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
        load();
    }

    public boolean isOrganizationKnown() {
        return organization != null;
    }

    public boolean isOnTeams() {
        return organization != null && TeamsSettingsService.TEAMS.equals(organization.meetingPlatform());
    }

    public String getOrganizationName() {
        return organization == null ? "" : organization.name();
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public TeamsSettingsView getStored() {
        return stored;
    }

    /** The call records subscription's state in words: active until when, not yet made, or what went wrong. */
    public String getCallQualityState() {
        return CallQualityWords.of(callSubscription, text::get, text::format);
    }

    /** Microsoft's own words of the last failure, or {@code null}. */
    public String getCallQualityDetail() {
        return callSubscription == null || callSubscription.failure() == null ? null : callSubscription.error();
    }

    public ConnectionCheck getCheck() {
        return check;
    }

    /** Test connection's permissions, one line of words each (empty before a check or without a token). */
    public List<PermissionWords.Line> getPermissionLines() {
        return PermissionWords.of(check, text::get, text::format);
    }

    public List<LobbyBypass> getLobbyBypasses() {
        return List.of(LobbyBypass.values());
    }

    public List<MeetingChat> getMeetingChats() {
        return List.of(MeetingChat.values());
    }

    public List<ClinicianSignIn> getClinicianSignIns() {
        return List.of(ClinicianSignIn.values());
    }

    public ClinicianSignIn getClinicianSignIn() {
        return clinicianSignIn;
    }

    public void setClinicianSignIn(ClinicianSignIn clinicianSignIn) {
        this.clinicianSignIn = clinicianSignIn;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getOrganizer() {
        return organizer;
    }

    public void setOrganizer(String organizer) {
        this.organizer = organizer;
    }

    public LobbyBypass getLobbyBypass() {
        return lobbyBypass;
    }

    public void setLobbyBypass(LobbyBypass lobbyBypass) {
        this.lobbyBypass = lobbyBypass;
    }

    public MeetingChat getMeetingChat() {
        return meetingChat;
    }

    public void setMeetingChat(MeetingChat meetingChat) {
        this.meetingChat = meetingChat;
    }

    public boolean isEntryExitAnnounced() {
        return entryExitAnnounced;
    }

    public void setEntryExitAnnounced(boolean entryExitAnnounced) {
        this.entryExitAnnounced = entryExitAnnounced;
    }

    public String getCredentialKind() {
        return credentialKind;
    }

    public void setCredentialKind(String credentialKind) {
        this.credentialKind = credentialKind;
    }

    public String getCertificatePem() {
        return certificatePem;
    }

    public void setCertificatePem(String certificatePem) {
        this.certificatePem = certificatePem;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** The clinicians' Microsoft links, paged. */
    public TeamsLinksPage getLinks() {
        return links;
    }

    /** Removes a clinician's link: they sign in with Microsoft again at their next Teams launch. */
    public void unlink(org.openvisit.tenant.application.TeamsSignInService.LinkView link) {
        if (signIns.unlink(currentUser.actor(), organizationId, link.id())) {
            PortalMessages.info(text.get("teams.links.removed"));
        }
    }
}
