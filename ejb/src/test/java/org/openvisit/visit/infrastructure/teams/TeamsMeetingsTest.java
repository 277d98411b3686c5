package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.graph.GraphApp;
import org.openvisit.ehr.graph.GraphCredential;
import org.openvisit.ehr.graph.OnlineMeetingRequest;
import org.openvisit.tenant.application.TeamsConnection;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.TeamsSettings.LobbyBypass;
import org.openvisit.tenant.domain.model.TeamsSettings.MeetingChat;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TeamsMeetingsTest {

    private static final String HASH = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');

    private static Visit visit() {
        return Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.EMEA, VisitKeyKind.APPOINTMENT,
                new AppointmentHash(HASH), "cardiology", Instant.now());
    }

    private static TeamsConnection connection() {
        return new TeamsConnection(new GraphApp("contoso.onmicrosoft.com", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                new GraphCredential.ClientSecret("x")), "visits@contoso.org", LobbyBypass.ORGANIZATION,
                MeetingChat.DISABLED, true);
    }

    @Test
    void theMeetingIsKeyedByTheVisitAndSaysNothingOfThePatientOrAppointment() {
        Visit visit = visit();
        Instant start = Instant.parse("2026-12-05T09:00:00Z");
        visit.bookedFor(start, start.plusSeconds(1800));

        OnlineMeetingRequest request = TeamsMeetings.request(visit, connection());

        assertThat(request.externalId()).isEqualTo("openvisit-visit-" + visit.id()).doesNotContain(HASH);
        assertThat(request.subject()).isEqualTo("Virtual visit");
        assertThat(request.lobbyScope()).isEqualTo("organization");
        assertThat(request.meetingChat()).isEqualTo("disabled");
        assertThat(request.entryExitAnnounced()).isTrue();
        assertThat(request.start()).isEqualTo(start);
        assertThat(request.end()).isEqualTo(start.plusSeconds(1800));
        assertThat(TeamsMeetings.request(visit, connection())).isEqualTo(request); // the same visit, the same key
        assertThat(TeamsMeetings.request(visit(), connection()).externalId()).isNotEqualTo(request.externalId());
    }

    @Test
    void cliniciansJoinByTheMeetingsJoinUrlPatientsAndGuestsThroughOpenVisitsPageFirst() {
        Visit visit = visit();
        String join = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d";
        visit.attachMeeting(new MeetingRef(TeamsMeetings.NAME, join));

        TeamsMeetings teams = new TeamsMeetings();
        assertThat(teams.joinUrl(visit, JoinRole.PROVIDER)).isEqualTo(join);
        assertThat(teams.joinUrl(visit, JoinRole.PATIENT)).isEqualTo("/visit/" + visit.id() + "/lobby");
        assertThat(teams.joinUrl(visit, JoinRole.GUEST)).isEqualTo("/visit/" + visit.id() + "/lobby");
        assertThat(teams.name()).isEqualTo("microsoft-teams");
    }
}
