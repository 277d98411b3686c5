package org.openvisit.launch.application;

import java.util.UUID;

/**
 * Where a successful launch sends the browser: the visit, and whether the person is a clinician
 * (provider page) or the patient (lobby).
 */
public record LaunchLanding(UUID visitId, boolean patient, String path) {
}
