package org.openvisit.notify.application;

import java.util.List;
import java.util.UUID;

/**
 * New SMS settings for an endpoint (null: the default — confirmations on, no reminders, US, English, UTC, no quiet
 * hours). Quiet hours are two times of day ({@code HH:mm}) in the endpoint's time zone, both or neither.
 */
public record EndpointSmsChange(Boolean confirmation, List<Integer> reminderMinutes, UUID numberId,
                                String phoneRegion, String language, String timeZone, String sendingFacility,
                                String quietFrom, String quietUntil) {
}
