package org.openvisit.tenant.application;

import org.openvisit.ehr.graph.GraphApp;
import org.openvisit.tenant.domain.model.TeamsSettings;

/** What the Teams meeting platform needs of an organization's settings, its credential opened. */
public record TeamsConnection(GraphApp app, String organizer, TeamsSettings.LobbyBypass lobbyBypass,
                              TeamsSettings.MeetingChat meetingChat, boolean entryExitAnnounced) {
}
