package org.openvisit.report.domain.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The histograms of the hour figures: percentiles within a bucket of PERCENTILE_CONT's, bounds, the stored text. */
class SecondsHistogramTest {

    /** PERCENTILE_CONT as the databases compute it. */
    private static double exact(long[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        long high = below + 1 < sorted.length ? sorted[below + 1] : sorted[below];
        return sorted[below] + (rank - below) * (high - sorted[below]);
    }

    private static double widthAt(double seconds) {
        int i = SecondsHistogram.bucket((long) seconds);
        return i + 1 < SecondsHistogram.BOUNDS.length ? SecondsHistogram.BOUNDS[i + 1] - SecondsHistogram.BOUNDS[i]
                : Double.MAX_VALUE;
    }

    @Test
    void percentilesAreWithinOneBucketOfTheExactOnes() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(400);
            long[] values = new long[n];
            SecondsHistogram h = new SecondsHistogram();
            for (int i = 0; i < n; i++) {
                values[i] = (long) (random.nextDouble() * random.nextDouble() * 7200);
                h.add(values[i]);
            }
            Arrays.sort(values);
            for (double p : new double[]{0.5, 0.9}) {
                double want = exact(values, p);
                assertThat(h.percentile(p)).as("p%s of %s values", p, n)
                        .isCloseTo(want, within(Math.max(widthAt(want), widthAt(h.percentile(p)))));
            }
        }
    }

    @Test
    void oneValueAndNone() {
        SecondsHistogram h = new SecondsHistogram();
        assertThat(h.percentile(0.5)).isNull();
        assertThat(h.encode()).isNull();
        h.add(600);
        assertThat(h.percentile(0.5)).isEqualTo(615.0); // the middle of [600, 630)
        h.add(20_000);
        assertThat(h.percentile(1.0)).isEqualTo(14_400.0); // 4 h and more: given as 4 h
    }

    @Test
    void theLobbyChartsBoundsAreBucketBoundsAndTheTextAddsUp() {
        for (LobbyWaitBucket b : LobbyWaitBucket.values()) {
            if (b.belowSeconds() != Long.MAX_VALUE) {
                assertThat(SecondsHistogram.BOUNDS).contains(b.belowSeconds());
            }
        }
        SecondsHistogram a = new SecondsHistogram();
        for (long v : new long[]{-3, 0, 59, 60, 119, 120, 299, 300, 1199, 1200, 99_999}) {
            a.add(v);
        }
        SecondsHistogram b = new SecondsHistogram();
        b.addEncoded(a.encode());
        b.addEncoded(a.encode());
        assertThat(b.total()).isEqualTo(22);
        assertThat(b.between(Long.MIN_VALUE, 60)).isEqualTo(6);
        assertThat(b.between(60, 120)).isEqualTo(4);
        assertThat(b.between(1200, Long.MAX_VALUE)).isEqualTo(4);
        SecondsHistogram twice = new SecondsHistogram();
        twice.add(a);
        twice.add(a);
        assertThat(b.encode()).isEqualTo(twice.encode()).startsWith("0:4,11:2,12:2,");
    }
}
