package org.openvisit.launch.application;

import java.util.UUID;

/**
 * Where a successful launch sends the browser: the visit, and whether the person is a clinician
 * (provider page) or the patient (lobby); the visit's organization and the clinician's EHR user id ({@code null} for
 * the patient), for a one-time Microsoft sign-in before a Teams meeting.
 */
public record LaunchLanding(UUID visitId, boolean patient, String path, UUID organizationId, String clinician) {

    public LaunchLanding(UUID visitId, boolean patient, String path) {
        this(visitId, patient, path, null, null);
    }
}
