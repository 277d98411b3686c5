package org.openvisit.visit.application;

import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A visit as the launch and the visit pages see it. It carries no appointment id (only what kind of
 * key the visit has) and no patient data.
 *
 * @param departmentId    the launch's location (department), {@code null} when the EHR sent none
 * @param departmentName  the department's display name from the EHR ({@code Location.name}), {@code null} when not
 *                        read (then the id is shown)
 * @param meeting         the meeting on the platform, {@code null} when it is not made yet
 * @param providerJoinUrl where clinicians join; {@code patientJoinUrl} where patients wait
 * @param appointmentStart when the appointment is booked for, {@code null} when the EHR did not tell;
 *                         {@code appointmentEnd} its end, {@code null} when not known
 */
public record VisitView(UUID id, UUID endpointId, UUID organizationId, VisitKeyKind keyKind, String departmentId,
                        VisitStatus status, MeetingRef meeting, String providerJoinUrl, String patientJoinUrl,
                        Instant createdAt, Instant startedAt, Instant endedAt, List<ParticipantView> participants,
                        Instant appointmentStart, Instant appointmentEnd, String departmentName) {

    /** The department as people read it: its name from the EHR, else its id; {@code null} without a department. */
    public String department() {
        return departmentName != null ? departmentName : departmentId;
    }
}
