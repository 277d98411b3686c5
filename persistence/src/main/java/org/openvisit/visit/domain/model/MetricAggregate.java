package org.openvisit.visit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Count, sum and maximum of one call figure: enough for its mean and worst value, without raw rows. */
@Embeddable
public class MetricAggregate {

    @Column(name = "count", nullable = false)
    private long count;

    @Column(name = "sum", nullable = false)
    private double sum;

    @Column(name = "max", nullable = false)
    private double max;

    void add(Double value) {
        if (value == null) {
            return;
        }
        count++;
        sum += value;
        max = count == 1 ? value : Math.max(max, value);
    }

    public long count() {
        return count;
    }

    /** The mean, or {@code null} when nothing was measured. */
    public Double mean() {
        return count == 0 ? null : sum / count;
    }

    /** The largest value, or {@code null} when nothing was measured. */
    public Double max() {
        return count == 0 ? null : max;
    }
}
