package org.openvisit.report.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.region.domain.model.RegionalStore;

import java.util.Collection;
import java.util.UUID;

/**
 * Sets the write-back state of visits' summaries from their delivery tasks, in a transaction of its own after the
 * delivery outcome committed: the outcome's transaction holds task rows that a visit's next event waits for while it
 * holds the visit's summary row, so waiting for that summary row inside it could deadlock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WriteBackFollower {

    public void follow(RegionalStore store, Collection<UUID> visitIds) {
        store.visitSummaries().followWriteBack(visitIds.stream().sorted().toList());
    }
}
