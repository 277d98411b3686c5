package org.openvisit.report.domain.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Days and hours of day in a viewer's time zone from counts grouped in the database by UTC time buckets. The database
 * groups by buckets of {@link #width} seconds counted from the epoch; the width divides an hour, every UTC offset the
 * zone has in the range and the time of every offset change in it, so no bucket straddles a local hour or day (zones
 * of half and quarter hours, and daylight-saving changes, included) and the database need not know the zone.
 */
public final class ZoneBuckets {

    private ZoneBuckets() {
    }

    /** The bucket width in seconds for a zone over {@code [from, to)}: 3600 for zones of whole-hour offsets. */
    public static int width(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        long width = gcd(3600, rules.getOffset(from).getTotalSeconds());
        Instant at = from;
        while (true) {
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(to)) {
                break;
            }
            width = gcd(width, next.getOffsetAfter().getTotalSeconds());
            width = gcd(width, Math.floorMod(next.getInstant().getEpochSecond(), 3600L));
            at = next.getInstant();
        }
        return (int) Math.max(1, width);
    }

    /** Visits per local day from {@code from} to {@code to} (both included, days without visits too), by status. */
    public static Map<LocalDate, Map<ReportStatus, Long>> days(List<TimeBucketCount> counts, ZoneId zone,
                                                               LocalDate from, LocalDate to) {
        Map<LocalDate, Map<ReportStatus, Long>> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<ReportStatus, Long> byStatus = new EnumMap<>(ReportStatus.class);
            for (ReportStatus s : ReportStatus.values()) {
                byStatus.put(s, 0L);
            }
            days.put(d, byStatus);
        }
        for (TimeBucketCount c : counts) {
            Map<ReportStatus, Long> day = days.get(LocalDate.ofInstant(c.start(), zone));
            if (day != null) {
                day.merge(c.status(), c.visits(), Long::sum);
            }
        }
        return days;
    }

    /** Call quality per local day from {@code from} to {@code to} (both included; a day without calls is empty). */
    public static Map<LocalDate, QualitySums> qualityDays(List<QualitySums> buckets, ZoneId zone, LocalDate from,
                                                         LocalDate to) {
        Map<LocalDate, QualitySums> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, QualitySums.none(d.atStartOfDay(zone).toInstant()));
        }
        for (QualitySums b : buckets) {
            days.computeIfPresent(LocalDate.ofInstant(b.start(), zone), (d, sums) -> sums.plus(b));
        }
        return days;
    }

    /** Visits per local hour of day (index 0 to 23), all statuses. */
    public static long[] hours(List<TimeBucketCount> counts, ZoneId zone) {
        long[] hours = new long[24];
        for (TimeBucketCount c : counts) {
            hours[c.start().atZone(zone).getHour()] += c.visits();
        }
        return hours;
    }

    /** The bucket of an instant (its start), for a width. */
    public static Instant bucketOf(Instant at, int width) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), width) * width);
    }

    private static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
