package org.openvisit.writeback.application;

import org.openvisit.writeback.domain.model.WriteBackAdapter;

/**
 * What the delivery of a claimed task needs, read in the transaction that claimed it: the delivery and the
 * adapter to use and the organization's limit of calls at once to its EHR (0: none), or, instead, why it cannot be delivered ({@code problem}, plain words for the portal).
 */
public record PreparedDelivery(Delivery delivery, WriteBackAdapter adapter, int callLimit, String problem) {

    /** A task that cannot be delivered, and why. */
    static PreparedDelivery refused(String problem) {
        return new PreparedDelivery(null, null, 0, problem);
    }
}
