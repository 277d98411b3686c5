package org.openvisit.notify.application;

import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.visit.domain.model.AppointmentHash;

import java.util.List;
import java.util.UUID;

/**
 * The EHR's appointment feed cancelled an appointment (SIU S15): fired inside the feed message's transaction on the
 * organization's regional store, with the visit hashes a launch may have named the appointment by, so that a visit
 * of it (if a clinician opened one) can say so in the reports.
 */
public record AppointmentCancelled(RegionalStore store, UUID endpointId, List<AppointmentHash> visitHashes) {
}
