package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SmsNumberStatus;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sending number as the portal and the API show it: its status, the number once given ({@code e164} and the
 * {@code international} form people read), why provisioning failed (while FAILED), the endpoints it serves, and
 * whether the provisioning job is still working ({@code unfinished}: the page polls while it is).
 */
public record SmsNumberView(UUID id, SmsNumberStatus status, boolean unfinished, String e164, String international,
                            String country, String areaCode, String failure, int attempts, String requestedBy,
                            Instant requestedAt, List<UUID> endpoints) implements Serializable {
}
