package org.openvisit.ehr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scopes a SMART EHR launch asks for, in the EHR's own syntax and with the context hints it advertises:
 * <ul>
 *   <li>{@code launch openid fhirUser}: the launch context and who the user is;</li>
 *   <li>{@code launch/encounter} when the EHR lists it in {@code scopes_supported} or has the
 *       {@code context-ehr-encounter} capability, and {@code launch/appointment} only when it lists it: hints
 *       the EHR may ignore (a launch never fails for want of them);</li>
 *   <li>reading the launch's {@code Appointment} (when it is booked for) and {@code Encounter} (whose
 *       {@code appointment} joins a launch that names only the encounter to the appointment's visit) and
 *       {@code Location} (the department's display name, {@code Location.name}):
 *       {@code user/} for a clinician or an unknown user, {@code patient/} on a patient launch URL; {@code .r}
 *       where the EHR supports SMART v2 scopes ({@code permission-v2}), {@code .read} for SMART v1 only.</li>
 * </ul>
 * Nothing clinical, no search, no write.
 */
public final class LaunchScopes {

    /** Which scope syntax an EHR takes. */
    public enum Syntax {
        /** SMART App Launch 1: {@code user/Appointment.read}. */
        V1,
        /** SMART App Launch 2: {@code user/Appointment.r}. */
        V2
    }

    /** Who the launch is for: decides {@code user/} or {@code patient/} resource scopes. */
    public enum Level {
        USER("user/"), PATIENT("patient/");

        private final String prefix;

        Level(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern V2_RESOURCE_SCOPE = Pattern.compile("(patient|user|system)/[A-Za-z*]+\\.c?r?u?d?s?(\\?.*)?");
    private static final Pattern V1_RESOURCE_SCOPE = Pattern.compile("(patient|user|system)/[A-Za-z*]+\\.(read|write|\\*)");

    private LaunchScopes() {
    }

    /** The scope parameter of a launch's authorization request to this EHR. */
    public static String forLaunch(SmartConfiguration configuration, Level level) {
        List<String> scopes = new ArrayList<>(List.of("launch", "openid", "fhirUser"));
        if (configuration.scopesSupported().contains("launch/encounter")
                || configuration.capabilities().contains("context-ehr-encounter")) {
            scopes.add("launch/encounter");
        }
        if (configuration.scopesSupported().contains("launch/appointment")) {
            scopes.add("launch/appointment");
        }
        String read = syntax(configuration) == Syntax.V2 ? ".r" : ".read";
        scopes.add(level.prefix + "Appointment" + read);
        scopes.add(level.prefix + "Encounter" + read);
        scopes.add(level.prefix + "Location" + read);
        return String.join(" ", scopes);
    }

    /**
     * The syntax the EHR takes: {@code permission-v2} means v2, else {@code permission-v1} means v1; an EHR that
     * names neither is judged by the resource scopes it lists; one that says nothing at all is taken for SMART v1
     * (SMART 2 servers must publish their capabilities).
     */
    public static Syntax syntax(SmartConfiguration configuration) {
        if (configuration.capabilities().contains("permission-v2")) {
            return Syntax.V2;
        }
        if (configuration.capabilities().contains("permission-v1")) {
            return Syntax.V1;
        }
        boolean v1 = configuration.scopesSupported().stream().anyMatch(s -> V1_RESOURCE_SCOPE.matcher(s).matches());
        boolean v2 = configuration.scopesSupported().stream()
                .anyMatch(s -> !V1_RESOURCE_SCOPE.matcher(s).matches() && V2_RESOURCE_SCOPE.matcher(s).matches()
                        && s.indexOf('.') < s.length() - 1);
        return v2 && !v1 ? Syntax.V2 : Syntax.V1;
    }
}
