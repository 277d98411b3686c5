package org.openvisit.notify.application;

/**
 * What came of a Subscription notification OpenVisit took: its kind, the appointments read back and taken in, those
 * skipped (by the same rules as the poll), and whether the feed was asked to poll at once (a gap in the event
 * numbers, an error status, or the EHR failing while its appointments were read back).
 */
public record NoticeAnswer(SubscriptionNotice.Kind kind, int taken, int skipped, boolean pollAsked) {
}
