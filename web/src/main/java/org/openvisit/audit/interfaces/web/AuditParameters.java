package org.openvisit.audit.interfaces.web;

import org.openvisit.audit.application.AuditQuery;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An audit search's choices as address parameters, the same on the page's export links, in the export servlet and
 * on the API: {@code org} (an organization's id, or {@value #INSTALLATION} for the installation's own trail),
 * {@code from} and {@code to} (ISO days in the viewer's time zone, both included; none: the last 30 days),
 * {@code kind}, {@code user} (a username or an EHR user id) and {@code outcome}.
 */
public record AuditParameters(String org, String from, String to, String kind, String user, String outcome) {

    public static final String INSTALLATION = "installation";
    static final int DEFAULT_DAYS = 30;

    public static AuditParameters from(Function<String, String> parameter) {
        return new AuditParameters(parameter.apply("org"), parameter.apply("from"), parameter.apply("to"),
                parameter.apply("kind"), parameter.apply("user"), parameter.apply("outcome"));
    }

    /**
     * The query these choices mean in {@code organization}'s trail ({@code null}: the installation's) for a viewer in
     * {@code zone} on {@code today}.
     *
     * @throws InvalidValueException a day, kind or outcome that is not one
     */
    public AuditQuery query(UUID organization, ZoneId zone, LocalDate today) {
        LocalDate last = blank(to) ? today : date(to, "to");
        LocalDate first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1L) : date(from, "from");
        if (last.isBefore(first)) {
            throw new InvalidValueException("to", "The last day must not come before the first.");
        }
        return new AuditQuery(organization, first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(), blank(kind) ? Set.of() : Set.of(kind(kind)), user,
                blank(outcome) ? null : outcome(outcome));
    }

    /** The choices as an address's query string (without the leading question mark). */
    public String queryString() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org", org);
        p.put("from", from);
        p.put("to", to);
        p.put("kind", kind);
        p.put("user", user);
        p.put("outcome", outcome);
        return p.entrySet().stream().filter(e -> !blank(e.getValue()))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Whose trail: a member's own organization's, always; an operator's, the organization named by {@code org}, or the
     * installation's own ({@code null}) for {@value #INSTALLATION} or none.
     *
     * @throws InvalidValueException an operator named something that is no organization id
     */
    public UUID organization(org.openvisit.tenant.domain.model.Actor actor) {
        if (actor.organizationId() != null) {
            return actor.organizationId();
        }
        if (blank(org) || installation()) {
            return null;
        }
        try {
            return UUID.fromString(org.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("org", "Not an organization id.");
        }
    }

    /** Whether an operator asked for the installation's own trail. */
    public boolean installation() {
        return INSTALLATION.equals(org);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static AuditKind kind(String s) {
        try {
            return AuditKind.valueOf(s.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("kind", "Not a known kind of audit event.");
        }
    }

    private static AuditOutcome outcome(String s) {
        try {
            return AuditOutcome.valueOf(s.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("outcome", "Not a known outcome (SUCCESS, MINOR_FAILURE, SERIOUS_FAILURE).");
        }
    }

    private static LocalDate date(String s, String field) {
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "Not a date (year-month-day).");
        }
    }
}
