package org.openvisit.visit.application;

import java.util.UUID;

/**
 * The CDI event fired, synchronously and inside the transaction that stored it, when a visit learned from the EHR
 * something that is no visit event but that its report row shows: the booked time or the department's display name
 * ({@code Location.name}). The report summary is made again in that transaction, as for a visit event, so that a
 * row never waits for the visit's next event to show it.
 */
public record VisitDetailsLearned(UUID visitId) {
}
