package org.openvisit.report.domain.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Call-quality figures added up over the attendees of some visits (the sums and counts of each attendee's aggregate
 * row), so that a mean is weighted by samples: round-trip time and jitter in milliseconds, packet loss in per cent,
 * received frames per second. {@code start} is the UTC time bucket they fall in (by the visit's report time).
 */
public record QualitySums(Instant start, double rttSum, long rttCount, double jitterSum, long jitterCount,
                          double lossSum, long lossCount, double fpsSum, long fpsCount) implements Serializable {

    public static QualitySums none(Instant start) {
        return new QualitySums(start, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public QualitySums plus(QualitySums other) {
        return new QualitySums(start, rttSum + other.rttSum, rttCount + other.rttCount, jitterSum + other.jitterSum,
                jitterCount + other.jitterCount, lossSum + other.lossSum, lossCount + other.lossCount,
                fpsSum + other.fpsSum, fpsCount + other.fpsCount);
    }

    public OptionalDouble rttMs() {
        return mean(rttSum, rttCount);
    }

    public OptionalDouble jitterMs() {
        return mean(jitterSum, jitterCount);
    }

    public OptionalDouble lossPercent() {
        return mean(lossSum, lossCount);
    }

    public OptionalDouble fps() {
        return mean(fpsSum, fpsCount);
    }

    public boolean isEmpty() {
        return rttCount == 0 && jitterCount == 0 && lossCount == 0 && fpsCount == 0;
    }

    private static OptionalDouble mean(double sum, long count) {
        return count > 0 ? OptionalDouble.of(sum / count) : OptionalDouble.empty();
    }
}
