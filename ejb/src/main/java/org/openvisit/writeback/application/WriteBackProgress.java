package org.openvisit.writeback.application;

import org.openvisit.region.domain.model.RegionalStore;

import java.util.Set;
import java.util.UUID;

/**
 * Delivery tasks of these visits changed state (delivered, retrying, given up, retried or discarded by an
 * administrator): fired inside the regional transaction that recorded it; the reports' write-back column follows
 * once it committed.
 */
public record WriteBackProgress(RegionalStore store, Set<UUID> visitIds) {
}
