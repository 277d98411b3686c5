package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.TeamsSettings;

/**
 * What an administrator enters for Teams. {@code certificatePem} (certificate and private key) or
 * {@code clientSecret} replaces the credential held; both empty keep it (first settings need one).
 * {@code clinicianSignIn} {@code null} keeps the choice held ({@link TeamsSettings.ClinicianSignIn#OFF} at first).
 */
public record TeamsSettingsChange(String tenantId, String clientId, String organizer,
                                  TeamsSettings.LobbyBypass lobbyBypass, TeamsSettings.MeetingChat meetingChat,
                                  boolean entryExitAnnounced, String certificatePem, String clientSecret,
                                  TeamsSettings.ClinicianSignIn clinicianSignIn) {

    public TeamsSettingsChange(String tenantId, String clientId, String organizer,
                               TeamsSettings.LobbyBypass lobbyBypass, TeamsSettings.MeetingChat meetingChat,
                               boolean entryExitAnnounced, String certificatePem, String clientSecret) {
        this(tenantId, clientId, organizer, lobbyBypass, meetingChat, entryExitAnnounced, certificatePem, clientSecret,
                null);
    }

    @Override
    public String toString() {
        return "TeamsSettingsChange[tenant " + tenantId + ", client " + clientId + ", organizer " + organizer + "]";
    }
}
