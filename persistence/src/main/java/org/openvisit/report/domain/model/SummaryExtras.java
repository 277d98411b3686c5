package org.openvisit.report.domain.model;

import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.writeback.domain.model.DeliveryStatus;

import java.util.List;

/**
 * What a visit's summary takes from beyond its events: its endpoint's environment, its attendees' call-quality rows,
 * the statuses of its write-back tasks, and whether the EHR's appointment feed said its appointment was cancelled.
 */
public record SummaryExtras(FhirEnvironment environment, List<CallQuality> quality, List<DeliveryStatus> deliveries,
                            boolean appointmentCancelled) {

    /** Nothing beyond the events (tests and tools that have only those). */
    public static final SummaryExtras NONE = new SummaryExtras(null, List.of(), List.of(), false);

    public SummaryExtras {
        quality = List.copyOf(quality);
        deliveries = List.copyOf(deliveries);
    }
}
