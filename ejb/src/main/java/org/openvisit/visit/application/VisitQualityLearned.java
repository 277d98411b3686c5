package org.openvisit.visit.application;

import java.util.UUID;

/**
 * The CDI event fired, synchronously and inside the transaction that stored them, when a visit's call-quality
 * aggregates took figures that came after the visit's events (a Teams call record arrives once the meeting is over):
 * the report summary is made again in that transaction, so that the visit's row shows them.
 */
public record VisitQualityLearned(UUID visitId) {
}
