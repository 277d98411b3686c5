package org.openvisit.report.interfaces.web;

import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.domain.model.QualityVerdict;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A report's choices as address parameters, the same on the page's export links and in the export servlet:
 * {@code org}, {@code range} (7, 30, 90 or custom), {@code from} and {@code to} (ISO dates, custom only),
 * {@code endpoint}, {@code department}, {@code clinician}, {@code status} (a {@link ReportStatus}),
 * {@code platform} (a meeting platform's name), {@code environment} ({@code TEST} or {@code PRODUCTION}) and
 * {@code quality} (a {@link QualityVerdict}).
 */
public record ReportParameters(String org, String range, String from, String to, String endpoint, String department,
                        String clinician, String status, String platform, String environment, String quality) {

    /** Without the platform, environment and quality filters. */
    public ReportParameters(String org, String range, String from, String to, String endpoint, String department,
                            String clinician, String status) {
        this(org, range, from, to, endpoint, department, clinician, status, null, null, null);
    }

    public static ReportParameters from(Function<String, String> parameter) {
        return new ReportParameters(parameter.apply("org"), parameter.apply("range"), parameter.apply("from"),
                parameter.apply("to"), parameter.apply("endpoint"), parameter.apply("department"),
                parameter.apply("clinician"), parameter.apply("status"), parameter.apply("platform"),
                parameter.apply("environment"), parameter.apply("quality"));
    }

    /** A meeting platform's name, as organizations choose them ({@code Organization}). */
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9-]{1,32}");

    /**
     * The query these choices mean for a viewer in {@code zone} on {@code today}.
     *
     * @throws InvalidValueException a date, id or status that is not one
     */
    public ReportQuery query(UUID organization, ZoneId zone, LocalDate today) {
        UUID endpointId = blank(endpoint) ? null : uuid(endpoint, "endpoint");
        ReportStatus wanted = blank(status) ? null : named(ReportStatus.class, status, "status");
        FhirEnvironment env = blank(environment) ? null : named(FhirEnvironment.class, environment, "environment");
        QualityVerdict verdict = blank(quality) ? null : named(QualityVerdict.class, quality, "quality");
        if (!blank(platform) && !PLATFORM.matcher(platform.strip()).matches()) {
            throw new InvalidValueException("platform", "Not a meeting platform's name.");
        }
        LocalDate first;
        LocalDate last;
        if ("custom".equals(range)) {
            first = date(from, "from");
            last = date(to, "to");
        } else {
            int days = switch (blank(range) ? "30" : range) {
                case "7" -> 7;
                case "90" -> 90;
                default -> 30;
            };
            last = today;
            first = today.minusDays(days - 1L);
        }
        return new ReportQuery(organization, first, last, zone, endpointId, department, clinician, wanted,
                blank(platform) ? null : platform.strip(), env, verdict);
    }

    /** The choices as an address's query string (without the leading question mark). */
    String queryString() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org", org);
        p.put("range", range);
        if ("custom".equals(range)) {
            p.put("from", from);
            p.put("to", to);
        }
        p.put("endpoint", endpoint);
        p.put("department", department);
        p.put("clinician", clinician);
        p.put("status", status);
        p.put("platform", platform);
        p.put("environment", environment);
        p.put("quality", quality);
        return p.entrySet().stream().filter(e -> !blank(e.getValue()))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static UUID uuid(String s, String field) {
        try {
            return UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "Not a known " + field + ".");
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String s, String field) {
        try {
            return Enum.valueOf(type, s.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "Not a known " + field + ".");
        }
    }

    private static LocalDate date(String s, String field) {
        if (blank(s)) {
            throw new InvalidValueException(field, "A custom range needs both dates.");
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "Not a date (year-month-day).");
        }
    }
}
