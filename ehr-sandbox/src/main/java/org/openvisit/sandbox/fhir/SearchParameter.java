package org.openvisit.sandbox.fhir;

import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One search parameter of a resource type: its name, how its values are compared, and how to
 * take those values out of a resource. Values are plain strings: tokens as {@code system|code},
 * references as {@code Type/id}, dates as ISO instants.
 */
public record SearchParameter(String name, Kind kind, Function<Resource, List<String>> values) {

    public enum Kind { TOKEN, REFERENCE, STRING, DATE }

    public static <T extends Resource> SearchParameter of(String name, Kind kind, Class<T> type,
                                                          Function<T, List<String>> values) {
        return new SearchParameter(name, kind, resource -> values.apply(type.cast(resource)));
    }

    /** True if any value of the resource matches any of the comma-separated alternatives. */
    public boolean matches(Resource resource, String query, ZoneId zone) {
        List<String> actual = values.apply(resource);
        for (String alternative : query.split(",")) {
            for (String value : actual) {
                if (value != null && matchesOne(value, alternative.trim(), zone)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matchesOne(String value, String wanted, ZoneId zone) {
        return switch (kind) {
            case TOKEN -> matchesToken(value, wanted);
            case REFERENCE -> value.equals(wanted) || value.endsWith("/" + wanted) || wanted.endsWith("/" + value);
            case STRING -> value.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
            case DATE -> matchesDate(value, wanted, zone);
        };
    }

    /** {@code code} matches any system; {@code system|code} and {@code |code} (no system) match exactly. */
    private static boolean matchesToken(String value, String wanted) {
        if (!wanted.contains("|")) {
            return value.substring(value.indexOf('|') + 1).equals(wanted);
        }
        return value.equals(wanted);
    }

    /**
     * A date comparison as FHIR servers make it: a value with a time ({@code ge2026-12-05T03:00:00Z}) is compared to
     * the instant (to the second); a day alone ({@code ge2026-12-05}) to the day, in the sandbox's time zone.
     */
    static boolean matchesDate(String value, String wanted, ZoneId zone) {
        String prefix = wanted.length() > 2 && Character.isLetter(wanted.charAt(0)) ? wanted.substring(0, 2) : "eq";
        String date = prefix.equals("eq") && !wanted.startsWith("eq") ? wanted : wanted.substring(2);
        int order;
        if (date.length() > 10 && date.charAt(10) == 'T') {
            Instant actual = Instant.parse(value).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant at;
            try {
                at = java.time.OffsetDateTime.parse(date).toInstant();
            } catch (java.time.format.DateTimeParseException noOffset) {
                at = java.time.LocalDateTime.parse(date).atZone(zone).toInstant();
            }
            order = actual.compareTo(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } else {
            LocalDate actualDay = Instant.parse(value).atZone(zone).toLocalDate();
            LocalDate wantedDay = LocalDate.parse(date.substring(0, Math.min(10, date.length())));
            order = actualDay.compareTo(wantedDay);
        }
        return switch (prefix) {
            case "gt", "sa" -> order > 0;
            case "ge" -> order >= 0;
            case "lt", "eb" -> order < 0;
            case "le" -> order <= 0;
            case "ne" -> order != 0;
            default -> order == 0;
        };
    }
}
