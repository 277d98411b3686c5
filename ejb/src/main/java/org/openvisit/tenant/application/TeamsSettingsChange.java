package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.TeamsSettings;

/**
 * What an administrator enters for Teams. {@code certificatePem} (certificate and private key) or
 * {@code clientSecret} replaces the credential held; both empty keep it (first settings need one).
 */
public record TeamsSettingsChange(String tenantId, String clientId, String organizer,
                                  TeamsSettings.LobbyBypass lobbyBypass, TeamsSettings.MeetingChat meetingChat,
                                  boolean entryExitAnnounced, String certificatePem, String clientSecret) {

    @Override
    public String toString() {
        return "TeamsSettingsChange[tenant " + tenantId + ", client " + clientId + ", organizer " + organizer + "]";
    }
}
