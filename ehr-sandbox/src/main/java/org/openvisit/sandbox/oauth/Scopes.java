package org.openvisit.sandbox.oauth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of granted SMART scopes and what they permit on the FHIR API. Understands SMART v1
 * ({@code user/Appointment.read}, {@code patient/*.write}, {@code system/*.*}) and v2
 * ({@code user/Appointment.rs}, {@code system/*.cruds}); a v2 query suffix ({@code ?category=x}) is ignored.
 */
public record Scopes(Set<String> values) {

    private static final Pattern RESOURCE_SCOPE =
            Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(read|write|\\*|c?r?u?d?s?)(\\?.*)?");

    /** A FHIR interaction, by its SMART v2 letter. */
    public enum Interaction {
        CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

        final char letter;

        Interaction(char letter) {
            this.letter = letter;
        }
    }

    public Scopes {
        values = Set.copyOf(values);
    }

    public static Scopes parse(String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return new Scopes(Set.of());
        }
        return new Scopes(new LinkedHashSet<>(Arrays.asList(spaceSeparated.trim().split("\\s+"))));
    }

    public boolean has(String scope) {
        return values.contains(scope);
    }

    /** True if any resource scope of any level grants the interaction on the type. */
    public boolean permits(String resourceType, Interaction interaction) {
        return levelsPermitting(resourceType, interaction).findAny().isPresent();
    }

    /** True if the only scopes granting the interaction are patient-level (the call is limited to the launch patient). */
    public boolean patientLevelOnly(String resourceType, Interaction interaction) {
        return levelsPermitting(resourceType, interaction).allMatch("patient"::equals);
    }

    /** True if the scopes contain at least one well-formed resource scope of the level (patient, user or system). */
    public boolean hasResourceScopeOfLevel(String level) {
        return values.stream().map(RESOURCE_SCOPE::matcher).anyMatch(m -> m.matches() && m.group(1).equals(level));
    }

    public static boolean isResourceScope(String scope) {
        return RESOURCE_SCOPE.matcher(scope).matches();
    }

    public String asString() {
        return String.join(" ", values);
    }

    private java.util.stream.Stream<String> levelsPermitting(String resourceType, Interaction interaction) {
        return values.stream().map(RESOURCE_SCOPE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(2).equals("*") || m.group(2).equals(resourceType))
                .filter(m -> grants(m.group(3), interaction))
                .map(m -> m.group(1));
    }

    private static boolean grants(String permission, Interaction interaction) {
        return switch (permission) {
            case "*" -> true;
            case "read" -> interaction == Interaction.READ || interaction == Interaction.SEARCH;
            case "write" -> interaction == Interaction.CREATE || interaction == Interaction.UPDATE || interaction == Interaction.DELETE;
            default -> permission.indexOf(interaction.letter) >= 0;
        };
    }
}
