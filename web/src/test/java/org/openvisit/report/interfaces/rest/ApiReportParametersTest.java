package org.openvisit.report.interfaces.rest;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.domain.model.ReportSort;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiReportParametersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static ApiReportParameters of(Map<String, String> values) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        values.forEach(map::putSingle);
        return new ApiReportParameters(map);
    }

    private static String refused(Map<String, String> values, boolean page) {
        ApiReportParameters p = of(values);
        return assertThrows(InvalidValueException.class, () -> {
            p.query(TODAY);
            if (page) {
                p.first();
                p.max();
                p.sort();
                p.ascending();
            }
        }).field();
    }

    @Test
    void noDatesMeanTheLastThirtyDaysInUtc() {
        ReportQuery q = of(Map.of()).query(TODAY);
        assertEquals(TODAY.minusDays(29), q.from());
        assertEquals(TODAY, q.to());
        assertEquals(ZoneId.of("UTC"), q.zone());
    }

    @Test
    void filtersAreRead() {
        ReportQuery q = of(Map.of("from", "2026-11-01", "to", "2026-11-30", "zone", "Europe/Berlin",
                "status", "no_show", "department", "D1", "clinician", "u7",
                "endpoint", "00000000-0000-0000-0000-000000000001")).query(TODAY);
        assertEquals(LocalDate.of(2026, 11, 1), q.from());
        assertEquals(ZoneId.of("Europe/Berlin"), q.zone());
        assertEquals(ReportStatus.NO_SHOW, q.status());
        assertEquals("D1", q.departmentId());
        assertEquals("u7", q.clinicianEhrUserId());
    }

    @Test
    void pagingAndSort() {
        ApiReportParameters p = of(Map.of("first", "100", "max", "20", "sort", "lobby_wait", "order", "asc"));
        assertEquals(100, p.first());
        assertEquals(20, p.max());
        assertEquals(ReportSort.LOBBY_WAIT, p.sort());
        assertTrue(p.ascending());
        assertFalse(of(Map.of()).ascending());
        assertEquals(50, of(Map.of()).max());
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        assertEquals("from", refused(Map.of("from", "yesterday", "to", "2026-12-01"), false));
        assertEquals("to", refused(Map.of("from", "2026-12-01"), false));
        assertEquals("to", refused(Map.of("from", "2026-12-02", "to", "2026-12-01"), false));
        assertEquals("zone", refused(Map.of("zone", "Mars/Olympus"), false));
        assertEquals("org", refused(Map.of("org", "acme"), false));
        assertEquals("endpoint", refused(Map.of("endpoint", "x"), false));
        assertEquals("status", refused(Map.of("status", "LATE"), false));
        assertEquals("max", refused(Map.of("max", "500"), true));
        assertEquals("max", refused(Map.of("max", "0"), true));
        assertEquals("first", refused(Map.of("first", "-1"), true));
        assertEquals("first", refused(Map.of("first", "ten"), true));
        assertEquals("sort", refused(Map.of("sort", "name"), true));
        assertEquals("order", refused(Map.of("order", "up"), true));
    }
}
