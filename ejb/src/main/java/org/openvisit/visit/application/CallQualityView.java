package org.openvisit.visit.application;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallQuality;

import java.time.Instant;

/**
 * One attendee's call quality in a visit: means and maxima ({@code null} when never measured), and how many of the
 * reports came while the media went through the TURN relay.
 */
public record CallQualityView(String attendeeId, AttendeeRole role, long samples, long relayedSamples,
                              Double rttMeanMs, Double rttMaxMs,
                              Double jitterMeanMs, Double jitterMaxMs, Double lossMeanPercent, Double lossMaxPercent,
                              Double fpsMean, Double bitrateMeanKbps, Instant firstAt, Instant lastAt) {

    static CallQualityView of(CallQuality q) {
        return new CallQualityView(q.attendeeId(), q.attendeeRole(), q.samples(), q.relayedSamples(), q.rtt().mean(), q.rtt().max(),
                q.jitter().mean(), q.jitter().max(), q.loss().mean(), q.loss().max(), q.fps().mean(),
                q.bitrate().mean(), q.firstAt(), q.lastAt());
    }
}
