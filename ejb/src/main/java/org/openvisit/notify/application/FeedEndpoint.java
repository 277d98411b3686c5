package org.openvisit.notify.application;

import org.openvisit.tenant.domain.model.DataRegion;

import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An endpoint's SMS feed settings as the feed needs them, read from the global store before the regional work; the
 * HTTPS feed's checks: the sealed feed secret and the interface engine's certificate (base64 DER), either or both.
 */
public record FeedEndpoint(UUID organizationId, UUID endpointId, DataRegion region, boolean confirmation,
                           Set<Integer> reminderMinutes, Optional<String> sealedSecret, String phoneRegion,
                           ZoneId zone, Optional<String> certificate) {
}
