package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.QuietHours;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * What sending for one endpoint needs from the global store, read before the regional transaction: whether both
 * consents are given, the active number it sends from (none: nothing can be sent), the organization's name, the
 * language and time zone of its messages, and its quiet hours.
 */
public record SendContext(UUID organizationId, UUID endpointId, boolean consented, Optional<String> from,
                          String organizationName, String language, ZoneId zone, QuietHours quiet) {

    public SendContext(UUID organizationId, UUID endpointId, boolean consented, Optional<String> from,
                       String organizationName, String language, ZoneId zone) {
        this(organizationId, endpointId, consented, from, organizationName, language, zone, QuietHours.none());
    }

    /** Why nothing can be sent now, or empty when it can. */
    public Optional<String> blocked() {
        if (!consented) {
            return Optional.of("The organization has not given both SMS consents.");
        }
        if (from.isEmpty()) {
            return Optional.of("The endpoint has no active sending number.");
        }
        return Optional.empty();
    }
}
