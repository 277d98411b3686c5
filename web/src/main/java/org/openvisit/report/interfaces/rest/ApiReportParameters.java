package org.openvisit.report.interfaces.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.domain.model.ReportSort;
import org.openvisit.report.interfaces.web.ReportParameters;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/**
 * The reports API's query parameters, the same filters as the reports page: {@code org} (operators), {@code from} and
 * {@code to} (ISO dates, both included; neither: the last 30 days), {@code zone} (IANA zone, default UTC),
 * {@code endpoint}, {@code department}, {@code clinician}, {@code status}, {@code platform}, {@code environment},
 * {@code quality}; for pages {@code first}, {@code max},
 * {@code sort} and {@code order}. A value that is not one is refused naming its parameter.
 */
record ApiReportParameters(MultivaluedMap<String, String> values) {

    static final int DEFAULT_MAX = 50;

    ZoneId zone() {
        String zone = values.getFirst("zone");
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidValueException("zone", "Not a known time zone (for example Europe/Berlin or UTC).");
        }
    }

    /** @throws InvalidValueException naming the parameter that is not a value it may take */
    ReportQuery query(LocalDate today) {
        ZoneId zone = zone();
        String org = values.getFirst("org");
        UUID organization = organization();
        boolean custom = values.getFirst("from") != null || values.getFirst("to") != null;
        ReportParameters page = new ReportParameters(org, custom ? "custom" : "30", values.getFirst("from"),
                values.getFirst("to"), values.getFirst("endpoint"), values.getFirst("department"),
                values.getFirst("clinician"), upper(values.getFirst("status")), values.getFirst("platform"),
                upper(values.getFirst("environment")), upper(values.getFirst("quality")));
        return page.query(organization, zone, today);
    }

    /** The organization named by {@code org} (operators), or null. */
    UUID organization() {
        String org = values.getFirst("org");
        if (org == null || org.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(org.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("org", "Not an organization id.");
        }
    }

    int first() {
        int first = integer("first", 0);
        if (first < 0) {
            throw new InvalidValueException("first", "first counts from 0.");
        }
        return first;
    }

    int max() {
        int max = integer("max", DEFAULT_MAX);
        if (max < 1 || max > org.openvisit.report.application.ReportService.MAX_PAGE_SIZE) {
            throw new InvalidValueException("max", "max is 1 to "
                    + org.openvisit.report.application.ReportService.MAX_PAGE_SIZE + ".");
        }
        return max;
    }

    ReportSort sort() {
        String sort = values.getFirst("sort");
        if (sort == null || sort.isBlank()) {
            return ReportSort.REPORT_AT;
        }
        try {
            return ReportSort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("sort", "sort is one of " + java.util.Arrays.toString(ReportSort.values())
                    + ".");
        }
    }

    boolean ascending() {
        String order = values.getFirst("order");
        if (order == null || order.isBlank() || order.strip().equalsIgnoreCase("desc")) {
            return false;
        }
        if (order.strip().equalsIgnoreCase("asc")) {
            return true;
        }
        throw new InvalidValueException("order", "order is asc or desc.");
    }

    private int integer(String name, int absent) {
        String value = values.getFirst(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, name + " is a whole number.");
        }
    }

    private static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
    }
}
