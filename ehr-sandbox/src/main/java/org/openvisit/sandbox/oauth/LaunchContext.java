package org.openvisit.sandbox.oauth;

import java.time.Instant;

/**
 * What the EHR knows when a user starts an app: who (a {@code Practitioner/..} or {@code Patient/..}
 * reference), for which patient, encounter and appointment, in which department (Location id).
 * Any part but the user may be null.
 */
public record LaunchContext(String user, String patient, String encounter, String appointment, String department,
                            boolean needPatientBanner) {

    /** True if the user is a practitioner (a provider launch); false for a patient launch. */
    public boolean providerLaunch() {
        return user != null && user.startsWith("Practitioner/");
    }

    /** A launch context handed out under an opaque id until it expires. */
    public record Pending(LaunchContext context, String clientId, Instant expiresAt) {
    }
}
