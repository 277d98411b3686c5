package org.openvisit.report.application;

import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.writeback.domain.model.DeliveryStatus;

import java.time.Instant;
import java.util.List;

/**
 * One visit of a report with its figures, its events in order, the call quality of each attendee (if their browsers
 * reported any) and the state of its write-back deliveries. Nothing of the patient: attendees by role only.
 */
public record VisitTimeline(ReportRow visit, List<Event> events, List<Quality> quality, List<Delivery> deliveries) {

    public VisitTimeline {
        events = List.copyOf(events);
        quality = List.copyOf(quality);
        deliveries = List.copyOf(deliveries);
    }

    public ReportStatus status() {
        return visit.status();
    }

    /** An event: when, what, and the role of whom (null for the visit's own events). */
    public record Event(long sequence, Instant at, VisitEventType type, AttendeeRole role) {
    }

    /**
     * One attendee's call quality: samples (and how many of them went through a TURN relay), mean and worst round-trip
     * time and jitter (ms), mean and worst packet loss (%), mean frame rate, as the browser reported them (null when
     * never measured).
     */
    public record Quality(AttendeeRole role, long samples, long relayedSamples, Double rttMeanMs, Double rttMaxMs,
                          Double jitterMeanMs, Double jitterMaxMs, Double lossMeanPercent, Double lossMaxPercent,
                          Double fpsMean, Instant firstAt, Instant lastAt) {
    }

    /** A write-back delivery of one event to the EHR: its state, attempts so far, when it was written. */
    public record Delivery(long sequence, VisitEventType eventType, DeliveryStatus status, int attempts,
                           Instant deliveredAt) {
    }
}
