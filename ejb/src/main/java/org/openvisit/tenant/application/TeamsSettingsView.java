package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.TeamsSettings;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's Teams settings as the portal shows them: never the secret or the private key, only which kind of
 * credential is held and, for a certificate, its SHA-1 thumbprint (as Entra's Certificates & secrets page lists it)
 * and when it expires.
 */
public record TeamsSettingsView(UUID organizationId, String tenantId, String clientId,
                                TeamsSettings.CredentialKind credentialKind, String certificateThumbprint,
                                Instant certificateExpiresAt, String organizer, TeamsSettings.LobbyBypass lobbyBypass,
                                TeamsSettings.MeetingChat meetingChat, boolean entryExitAnnounced, Instant updatedAt,
                                String updatedBy, TeamsSettings.ClinicianSignIn clinicianSignIn)
        implements Serializable {
}
