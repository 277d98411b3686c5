package org.openvisit.notify.application;

import java.util.UUID;

/**
 * What the carrier is asked for: a number in {@code country} (ISO 3166 alpha-2), in {@code areaCode} if given (may be
 * null), for OpenVisit's number record {@code numberId}, {@code attempt} 1 at first and one more at every retry.
 */
public record NumberRequest(UUID numberId, String country, String areaCode, int attempt) {
}
