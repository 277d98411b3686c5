package org.openvisit.writeback.infrastructure.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.DateTimeType;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * Times as OpenVisit writes them to the EHR: FHIR dateTimes in UTC with milliseconds
 * ({@code 2026-11-23T10:00:00.123Z}). HAPI's {@code setSent(Date)} and {@code setStart(Date)} cut to whole
 * seconds, so events in the same second would lose their order.
 */
final class FhirTimes {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private FhirTimes() {
    }

    static DateTimeType of(Instant at) {
        DateTimeType time = new DateTimeType(Date.from(at), TemporalPrecisionEnum.MILLI, UTC);
        time.setTimeZoneZulu(true);
        return time;
    }

    /** Whether a stored time is the same instant to the millisecond (what {@link #of} writes). */
    static boolean same(DateTimeType stored, Instant at) {
        return stored != null && stored.getValue() != null
                && stored.getValue().getTime() == at.toEpochMilli();
    }
}
