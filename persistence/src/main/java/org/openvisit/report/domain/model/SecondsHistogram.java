package org.openvisit.report.domain.model;

import java.util.Arrays;

/**
 * A distribution of durations in whole seconds, counted in fixed buckets, for the medians and 90th percentiles of
 * {@link HourFigures}: buckets of 5 s up to 2 min, 15 s up to 10 min, 30 s up to 30 min, 1 min up to 1 h, 5 min up to
 * 2 h, 15 min up to 4 h, and one bucket for 4 h and more. The lobby-wait chart's bounds (1, 2, 5, 10, 20 min) are
 * bucket bounds, so its classes are exact sums of buckets. A percentile is read as {@code PERCENTILE_CONT} would read
 * it, with every value of a bucket taken as spread evenly over the bucket: it is within one bucket's width of the
 * exact one (5 s for a median under 2 min, 15 s under 10 min, 30 s under 30 min, 1 min under 1 h); one in the last
 * bucket is given as 4 h.
 */
public final class SecondsHistogram {

    /** The lower bound of each bucket, in seconds; bucket i holds {@code [BOUNDS[i], BOUNDS[i + 1])}. */
    static final long[] BOUNDS = bounds();

    private final long[] counts = new long[BOUNDS.length];
    private long total;

    private static long[] bounds() {
        long[][] steps = {{0, 120, 5}, {120, 600, 15}, {600, 1800, 30}, {1800, 3600, 60}, {3600, 7200, 300},
                {7200, 14_400, 900}};
        long[] b = new long[200];
        int n = 0;
        for (long[] step : steps) {
            for (long v = step[0]; v < step[1]; v += step[2]) {
                b[n++] = v;
            }
        }
        b[n++] = 14_400;
        return Arrays.copyOf(b, n);
    }

    /** The bucket a value falls in (a negative value, which the definitions never give, counts as the first). */
    static int bucket(long seconds) {
        int i = Arrays.binarySearch(BOUNDS, seconds);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    public void add(long seconds) {
        counts[bucket(seconds)]++;
        total++;
    }

    public void add(SecondsHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long total() {
        return total;
    }

    /** How many values lie in {@code [fromSeconds, belowSeconds)}; both must be bucket bounds (or Long.MAX_VALUE). */
    public long between(long fromSeconds, long belowSeconds) {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (BOUNDS[i] >= fromSeconds && BOUNDS[i] < belowSeconds) {
                n += counts[i];
            }
        }
        return n;
    }

    /**
     * The {@code p} percentile (0 to 1) as {@code PERCENTILE_CONT(p)}: the value at rank {@code p × (n − 1)}, the
     * values of a bucket of width w at {@code lower + (k + 0.5) × w / count} (k = 0 .. count − 1), linear between
     * ranks; null without values.
     */
    public Double percentile(double p) {
        if (total == 0) {
            return null;
        }
        double rank = p * (total - 1);
        long below = (long) Math.floor(rank);
        double low = valueAt(below);
        double high = below + 1 < total ? valueAt(below + 1) : low;
        return low + (rank - below) * (high - low);
    }

    private double valueAt(long rank) {
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (rank < seen + counts[i]) {
                if (i == counts.length - 1) {
                    return BOUNDS[i];
                }
                double width = BOUNDS[i + 1] - BOUNDS[i];
                return BOUNDS[i] + (rank - seen + 0.5) * width / counts[i];
            }
            seen += counts[i];
        }
        return BOUNDS[counts.length - 1];
    }

    /** "bucket:count,..." of the buckets that hold values; null when none does. */
    public String encode() {
        if (total == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                s.append(s.isEmpty() ? "" : ",").append(i).append(':').append(counts[i]);
            }
        }
        return s.toString();
    }

    /** Adds what {@link #encode()} wrote (null or blank: nothing). */
    public void addEncoded(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return;
        }
        int at = 0;
        int length = encoded.length();
        while (at < length) {
            int colon = encoded.indexOf(':', at);
            int comma = encoded.indexOf(',', colon);
            int end = comma < 0 ? length : comma;
            int i = Integer.parseInt(encoded, at, colon, 10);
            long n = Long.parseLong(encoded, colon + 1, end, 10);
            counts[i] += n;
            total += n;
            at = end + 1;
        }
    }
}
