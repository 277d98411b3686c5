package org.openvisit.report.domain.model;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The report's figures of a set of visits, added up: one UTC hour of an organization (a {@code report_hour} row), or a
 * whole report made of such hours and of single visits' rows. Counts by status, SMS sent, visits with call-quality
 * figures and the poor ones, the call-quality samples' sums and counts, and the distributions of duration, lobby wait
 * and time to admit ({@link SecondsHistogram}). Not thread-safe: made and read by one request.
 */
public final class HourFigures {

    private final long[] byStatus = new long[ReportStatus.values().length];
    private long smsSent;
    private long qualityMeasured;
    private long poorQuality;
    private QualitySums quality = QualitySums.none(Instant.EPOCH);
    private final SecondsHistogram duration = new SecondsHistogram();
    private final SecondsHistogram lobbyWait = new SecondsHistogram();
    private final SecondsHistogram timeToAdmit = new SecondsHistogram();

    /** One visit's row. */
    public void addVisit(ReportStatus status, Long durationSeconds, Long lobbyWaitSeconds, Long timeToAdmitSeconds,
                         long sms, QualityVerdict verdict) {
        byStatus[status.ordinal()]++;
        if (durationSeconds != null) {
            duration.add(durationSeconds);
        }
        if (lobbyWaitSeconds != null) {
            lobbyWait.add(lobbyWaitSeconds);
        }
        if (timeToAdmitSeconds != null) {
            timeToAdmit.add(timeToAdmitSeconds);
        }
        smsSent += sms;
        if (verdict != QualityVerdict.NO_DATA) {
            qualityMeasured++;
        }
        if (verdict == QualityVerdict.POOR) {
            poorQuality++;
        }
    }

    /** Call-quality samples' sums and counts (of any visits of the same set). */
    public void addQuality(QualitySums sums) {
        quality = quality.plus(sums);
    }

    /** Another set's figures (as stored: counts, sums and encoded histograms). */
    public void addStored(long[] statusCounts, long sms, long measured, long poor, QualitySums sums,
                          String durationHistogram, String lobbyWaitHistogram, String timeToAdmitHistogram) {
        for (int i = 0; i < byStatus.length; i++) {
            byStatus[i] += statusCounts[i];
        }
        smsSent += sms;
        qualityMeasured += measured;
        poorQuality += poor;
        quality = quality.plus(sums);
        duration.addEncoded(durationHistogram);
        lobbyWait.addEncoded(lobbyWaitHistogram);
        timeToAdmit.addEncoded(timeToAdmitHistogram);
    }

    public void add(HourFigures other) {
        for (int i = 0; i < byStatus.length; i++) {
            byStatus[i] += other.byStatus[i];
        }
        smsSent += other.smsSent;
        qualityMeasured += other.qualityMeasured;
        poorQuality += other.poorQuality;
        quality = quality.plus(other.quality);
        duration.add(other.duration);
        lobbyWait.add(other.lobbyWait);
        timeToAdmit.add(other.timeToAdmit);
    }

    public long visits() {
        long n = 0;
        for (long c : byStatus) {
            n += c;
        }
        return n;
    }

    public long count(ReportStatus status) {
        return byStatus[status.ordinal()];
    }

    public long smsSent() {
        return smsSent;
    }

    public long qualityMeasured() {
        return qualityMeasured;
    }

    public long poorQuality() {
        return poorQuality;
    }

    /** The call-quality sums, as starting at {@code start}. */
    public QualitySums quality(Instant start) {
        return new QualitySums(start, quality.rttSum(), quality.rttCount(), quality.jitterSum(), quality.jitterCount(),
                quality.lossSum(), quality.lossCount(), quality.fpsSum(), quality.fpsCount());
    }

    public SecondsHistogram duration() {
        return duration;
    }

    public SecondsHistogram lobbyWait() {
        return lobbyWait;
    }

    public SecondsHistogram timeToAdmit() {
        return timeToAdmit;
    }

    /** The cards: medians and 90th percentiles to within a histogram bucket ({@link SecondsHistogram}). */
    public ReportTotals totals() {
        return new ReportTotals(visits(), count(ReportStatus.COMPLETED), count(ReportStatus.NO_SHOW),
                count(ReportStatus.ENDED_WITHOUT_PATIENT), count(ReportStatus.OPEN), duration.percentile(0.5),
                duration.percentile(0.9), lobbyWait.percentile(0.5), lobbyWait.percentile(0.9),
                timeToAdmit.percentile(0.5), smsSent, count(ReportStatus.CANCELLED), qualityMeasured, poorQuality);
    }

    /** The lobby-wait chart's classes (their bounds are histogram bounds: exact). */
    public Map<LobbyWaitBucket, Long> lobbyWaits() {
        Map<LobbyWaitBucket, Long> waits = new EnumMap<>(LobbyWaitBucket.class);
        long lower = Long.MIN_VALUE;
        for (LobbyWaitBucket b : LobbyWaitBucket.values()) {
            waits.put(b, lobbyWait.between(lower, b.belowSeconds()));
            lower = b.belowSeconds();
        }
        return waits;
    }
}
