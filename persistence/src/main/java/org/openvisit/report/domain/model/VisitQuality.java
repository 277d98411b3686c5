package org.openvisit.report.domain.model;

import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.MetricAggregate;
import org.openvisit.visit.domain.model.QualityLevel;
import org.openvisit.visit.domain.model.QualitySample;

import java.util.List;
import java.util.function.Function;

/**
 * A visit's call quality from its attendees' aggregate rows (one per attendee's browser): the mean of every sample
 * (a long call weighs more) and the worst — the highest round-trip time, jitter and loss any sample had, the lowest
 * attendee's mean frame rate — and the {@link QualityVerdict}. Null figures: nothing was measured.
 */
public record VisitQuality(QualityVerdict verdict, Double rttMs, Double rttWorstMs, Double jitterMs,
                           Double jitterWorstMs, Double lossPercent, Double lossWorstPercent, Double fps,
                           Double fpsWorst) implements java.io.Serializable {

    public static final VisitQuality NO_DATA = new VisitQuality(QualityVerdict.NO_DATA, null, null, null, null, null,
            null, null, null);

    public static VisitQuality of(List<CallQuality> rows) {
        List<CallQuality> measured = rows.stream().filter(q -> q.samples() > 0).toList();
        if (measured.isEmpty()) {
            return NO_DATA;
        }
        boolean poor = measured.stream().anyMatch(q -> new QualitySample(q.rtt().mean(), q.jitter().mean(),
                q.loss().mean(), q.fps().mean(), null).level() == QualityLevel.POOR);
        Double fpsWorst = measured.stream().map(q -> q.fps().mean()).filter(m -> m != null)
                .min(Double::compare).orElse(null);
        return new VisitQuality(poor ? QualityVerdict.POOR : QualityVerdict.FINE,
                mean(measured, CallQuality::rtt), worst(measured, CallQuality::rtt),
                mean(measured, CallQuality::jitter), worst(measured, CallQuality::jitter),
                mean(measured, CallQuality::loss), worst(measured, CallQuality::loss),
                mean(measured, CallQuality::fps), fpsWorst);
    }

    private static Double mean(List<CallQuality> rows, Function<CallQuality, MetricAggregate> metric) {
        long count = 0;
        double sum = 0;
        for (CallQuality q : rows) {
            MetricAggregate m = metric.apply(q);
            if (m.count() > 0) {
                count += m.count();
                sum += m.mean() * m.count();
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static Double worst(List<CallQuality> rows, Function<CallQuality, MetricAggregate> metric) {
        return rows.stream().map(q -> metric.apply(q).max()).filter(m -> m != null).max(Double::compare).orElse(null);
    }
}
