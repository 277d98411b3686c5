package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.QuietHours;
import org.openvisit.notify.domain.model.SmsTemplateKind;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What sending for one endpoint needs from the global store, read before the regional transaction: whether both
 * consents are given, the active number it sends from (none: nothing can be sent), the organization's name, the
 * language and time zone of its messages, its quiet hours, and the organization's own wordings in that language
 * (kind to template; a kind without one is sent in the shipped words).
 */
public record SendContext(UUID organizationId, UUID endpointId, boolean consented, Optional<String> from,
                          String organizationName, String language, ZoneId zone, QuietHours quiet,
                          Map<SmsTemplateKind, String> templates) {

    public SendContext {
        templates = Map.copyOf(templates);
    }

    public SendContext(UUID organizationId, UUID endpointId, boolean consented, Optional<String> from,
                       String organizationName, String language, ZoneId zone, QuietHours quiet) {
        this(organizationId, endpointId, consented, from, organizationName, language, zone, quiet, Map.of());
    }

    public SendContext(UUID organizationId, UUID endpointId, boolean consented, Optional<String> from,
                       String organizationName, String language, ZoneId zone) {
        this(organizationId, endpointId, consented, from, organizationName, language, zone, QuietHours.none());
    }

    /** The organization's wording of {@code kind} in this language, or null for the shipped text. */
    public String template(SmsTemplateKind kind) {
        return templates.get(kind);
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
