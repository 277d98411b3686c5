package org.openvisit.visit.domain.model;

/**
 * One report of a browser's call figures (from WebRTC {@code getStats()}), each {@code null} when the
 * browser could not measure it: round-trip time and jitter in milliseconds, packet loss in percent,
 * received video frames per second, received bitrate in kbit/s, and the route the media took (direct or
 * through the TURN relay). Values outside sane ranges are dropped, not stored.
 */
public record QualitySample(Double rttMs, Double jitterMs, Double lossPercent, Double fps, Double bitrateKbps,
                            CallRoute route) {

    public QualitySample(Double rttMs, Double jitterMs, Double lossPercent, Double fps, Double bitrateKbps) {
        this(rttMs, jitterMs, lossPercent, fps, bitrateKbps, null);
    }

    public QualitySample {
        rttMs = within(rttMs, 60_000);
        jitterMs = within(jitterMs, 60_000);
        lossPercent = within(lossPercent, 100);
        fps = within(fps, 240);
        bitrateKbps = within(bitrateKbps, 1_000_000);
    }

    private static Double within(Double value, double max) {
        if (value == null || value.isNaN() || value < 0 || value > max) {
            return null;
        }
        return value == 0 ? 0.0 : value; // a browser's "-0" is zero, not a negative figure (found by fuzzing)
    }

    public boolean isEmpty() {
        return rttMs == null && jitterMs == null && lossPercent == null && fps == null && bitrateKbps == null;
    }

    /** A simple indicator for the provider page: poor, fair or good (unknown when nothing was measured). */
    public QualityLevel level() {
        if (isEmpty()) {
            return QualityLevel.UNKNOWN;
        }
        double rtt = rttMs == null ? 0 : rttMs;
        double loss = lossPercent == null ? 0 : lossPercent;
        double jitter = jitterMs == null ? 0 : jitterMs;
        if (rtt > 400 || loss > 8 || jitter > 100) {
            return QualityLevel.POOR;
        }
        if (rtt > 150 || loss > 2 || jitter > 30) {
            return QualityLevel.FAIR;
        }
        return QualityLevel.GOOD;
    }
}
