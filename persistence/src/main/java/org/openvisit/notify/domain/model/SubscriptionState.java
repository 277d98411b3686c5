package org.openvisit.notify.domain.model;

/**
 * Where an endpoint's FHIR Subscription stands: OFF (none wanted: polling only), PENDING (wanted, not made yet or to
 * be made again), REQUESTED (made at the EHR, its handshake not heard yet), ACTIVE (the EHR sends notifications),
 * ERROR (the EHR reported an error, missed events or stopped answering: made again), NOT_OFFERED (the EHR refused
 * to make it: it offers no Subscriptions or not that topic; asked again later).
 */
public enum SubscriptionState {
    OFF, PENDING, REQUESTED, ACTIVE, ERROR, NOT_OFFERED
}
