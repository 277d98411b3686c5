package org.openvisit.sandbox.oauth;

import org.openvisit.sandbox.apps.LaunchBehaviour;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the EHR knows when a user starts an app: who (a {@code Practitioner/..} or {@code Patient/..}
 * reference), for which patient, encounter and appointment, in which department (Location id).
 * Any part but the user may be null. {@code behaviours} say how the EHR presents it to the app (see
 * {@link LaunchBehaviour}).
 */
public record LaunchContext(String user, String patient, String encounter, String appointment, String department,
                            boolean needPatientBanner, Set<LaunchBehaviour> behaviours) {

    public LaunchContext {
        behaviours = behaviours == null || behaviours.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(behaviours));
    }

    public LaunchContext(String user, String patient, String encounter, String appointment, String department,
                         boolean needPatientBanner) {
        this(user, patient, encounter, appointment, department, needPatientBanner, Set.of());
    }

    public boolean behaves(LaunchBehaviour behaviour) {
        return behaviours.contains(behaviour);
    }

    /** True if the user is a practitioner (a provider launch); false for a patient launch. */
    public boolean providerLaunch() {
        return user != null && user.startsWith("Practitioner/");
    }

    /** A launch context handed out under an opaque id until it expires. */
    public record Pending(LaunchContext context, String clientId, Instant expiresAt) {
    }
}
