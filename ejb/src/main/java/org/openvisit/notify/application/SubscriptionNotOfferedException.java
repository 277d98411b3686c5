package org.openvisit.notify.application;

import jakarta.ejb.ApplicationException;

/** The EHR will not make the Subscription: it offers none, or not of that topic or channel (words for the page). */
@ApplicationException(rollback = true)
public class SubscriptionNotOfferedException extends RuntimeException {

    public SubscriptionNotOfferedException(String message) {
        super(message, null, false, false);
    }
}
