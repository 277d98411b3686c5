package org.openvisit.visit.infrastructure.teams;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.ehr.graph.OnlineMeeting;
import org.openvisit.ehr.graph.OnlineMeetingRequest;
import org.openvisit.ehr.graph.TeamsGraph;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.tenant.application.TeamsConnection;
import org.openvisit.tenant.application.TeamsSettingsService;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.application.MeetingPlatform;
import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.TeamsAttendanceRepository;
import org.openvisit.visit.domain.model.TeamsAttendanceWatch;
import org.openvisit.visit.domain.model.Visit;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * Microsoft Teams as a meeting platform: the visit's meeting is the organizer's online meeting with the external id
 * {@code openvisit-visit-<visit id>} (derived from the visit, never from the appointment), made by Graph's
 * createOrGet, so however many launches or nodes ask, Graph hands out one meeting, and the visit's unique key keeps
 * one visit. The subject carries no patient data; people of the organizer's organization (or only the organizer)
 * bypass the Teams lobby, everyone else waits there to be admitted; only the organizer presents.
 * <p>
 * The meeting is kept by its join URL (Graph's {@code joinWebUrl}), where clinicians, patients and guests all join:
 * Teams' own lobby separates them; patients and guests reach it through OpenVisit's page (device test first). Graph's
 * meeting id and the organizer are kept in a {@link TeamsAttendanceWatch}, so that {@link TeamsAttendancePoller} reads
 * the meeting's attendance reports into visit events. Graph cannot end a running meeting for everyone app-only:
 * ending the visit ends it in OpenVisit (see docs/teams.md, Ending the meeting).
 */
@ApplicationScoped
public class TeamsMeetings implements MeetingPlatform {

    public static final String NAME = org.openvisit.tenant.application.TeamsSettingsService.TEAMS;
    static final String EXTERNAL_ID_PREFIX = "openvisit-visit-";
    static final String SUBJECT = "Virtual visit";

    private static final Logger LOG = Logger.getLogger(TeamsMeetings.class.getName());

    @EJB
    private TeamsSettingsService settings;

    @Inject
    private TeamsGraph graph;

    @EJB
    private RegionDirectory regions;

    @EJB
    private org.openvisit.tenant.application.TeamsSignInService signIns;

    @Inject
    private AttendancePlanning planning;

    @Override
    public String name() {
        return NAME;
    }

    /** @throws GraphFailure the organization's Teams settings are missing, or Entra or Graph refused */
    @Override
    public MeetingRef createOrGetMeeting(Visit visit) {
        return createOrGetMeeting(visit, null);
    }

    /**
     * The meeting is organized by the launching clinician (their linked Entra object id) where the organization lets
     * clinicians organize their meetings and this one has signed in with Microsoft; otherwise by the configured
     * organizer.
     *
     * @throws GraphFailure the organization's Teams settings are missing, or Entra or Graph refused
     */
    @Override
    public MeetingRef createOrGetMeeting(Visit visit, String clinician) {
        TeamsConnection connection = settings.connection(visit.organizationId());
        String organizer = signIns.organizerFor(visit.organizationId(), clinician).orElse(connection.organizer());
        OnlineMeeting meeting = graph.client().createOrGet(connection.app(), organizer, request(visit, connection));
        LOG.fine(() -> "Teams meeting " + (meeting.created() ? "created" : "found") + " for visit " + visit.id());
        // called once per visit, in the transaction that makes it: from now on its attendance reports are read
        TeamsAttendanceRepository watches = regions.ofVisit(visit.id()).teamsAttendance();
        if (watches.find(visit.id()).isEmpty()) {
            Instant now = Instant.now();
            watches.add(TeamsAttendanceWatch.of(visit, organizer, meeting.id(), meeting.joinWebUrl(), now,
                    planning.plan().first(now)));
        }
        return new MeetingRef(NAME, meeting.joinWebUrl());
    }

    static OnlineMeetingRequest request(Visit visit, TeamsConnection connection) {
        return new OnlineMeetingRequest(externalId(visit), SUBJECT, connection.lobbyBypass().graphScope(),
                connection.entryExitAnnounced(), connection.meetingChat().graphValue(),
                visit.appointmentStart().orElse(null), visit.appointmentEnd().orElse(null));
    }

    /** The meeting's key at Graph: the visit's own id, which says nothing of the patient or the appointment. */
    static String externalId(Visit visit) {
        return EXTERNAL_ID_PREFIX + visit.id();
    }

    /**
     * Clinicians go straight to the meeting's join URL; patients and guests to OpenVisit's own page for the visit
     * (its device test, then a button to the join URL), which only a browser with a verified launch or join link
     * opens, so the Teams join URL is never shown before that.
     */
    @Override
    public String joinUrl(Visit visit, JoinRole role) {
        if (role != JoinRole.PROVIDER) {
            return "/visit/" + visit.id() + "/lobby";
        }
        return visit.meeting().filter(m -> NAME.equals(m.platform())).map(MeetingRef::meetingId)
                .orElse("/visit/" + visit.id());
    }

    @Override
    public void end(Visit visit) {
        // Graph has no app-only call that ends a running meeting for everyone, and deleting the meeting would take its
        // attendance reports (still read after the end) with it: the visit's ENDED status ends it in OpenVisit only
    }
}
