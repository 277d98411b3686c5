package org.openvisit.visit.application;

import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.VisitKey;

import java.util.Objects;
import java.util.UUID;

/**
 * What a launch asks for: the visit of {@code key} on the endpoint, the launching clinician recorded as a
 * participant ({@code ehrUserId} and {@code role} are {@code null} for a patient, who is recorded nowhere),
 * the launch's department, and the EHR's references for write-back (kept sealed).
 */
public record VisitOpening(UUID endpointId, VisitKey key, String ehrUserId, ParticipantRole role,
                           String departmentId, EhrContext ehrContext) {

    public VisitOpening {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ehrContext, "ehrContext");
        if ((ehrUserId == null) != (role == null)) {
            throw new IllegalArgumentException("A clinician needs both an EHR user id and a role; a patient neither.");
        }
        ehrUserId = ehrUserId == null ? null : ehrUserId.strip();
    }

    /** A clinician's launch. */
    public static VisitOpening ofClinician(UUID endpointId, VisitKey key, String ehrUserId, ParticipantRole role,
                                           String departmentId, EhrContext ehrContext) {
        return new VisitOpening(endpointId, key, Objects.requireNonNull(ehrUserId, "ehrUserId"),
                Objects.requireNonNull(role, "role"), departmentId, ehrContext);
    }

    /** A patient's launch: nothing of the patient is recorded. */
    public static VisitOpening ofPatient(UUID endpointId, VisitKey key, String departmentId, EhrContext ehrContext) {
        return new VisitOpening(endpointId, key, null, null, departmentId, ehrContext);
    }

    public boolean isPatient() {
        return ehrUserId == null;
    }
}
