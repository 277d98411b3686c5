package org.openvisit.visit.application;

import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.VisitParticipant;

import java.time.Instant;

/** A clinician who launched the visit. */
public record ParticipantView(String ehrUserId, ParticipantRole role, Instant firstLaunchAt) {

    static ParticipantView of(VisitParticipant p) {
        return new ParticipantView(p.ehrUserId(), p.role(), p.firstLaunchAt());
    }
}
