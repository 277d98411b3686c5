package org.openvisit.writeback.application;

import org.openvisit.writeback.domain.model.WriteBackAdapter;

/**
 * What the delivery of a claimed task needs, read in the transaction that claimed it: the delivery and the
 * adapter to use, or, instead, why it cannot be delivered ({@code problem}, plain words for the portal).
 */
public record PreparedDelivery(Delivery delivery, WriteBackAdapter adapter, String problem) {
}
