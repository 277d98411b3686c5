package org.openvisit.tenant.application;

import java.io.Serializable;
import java.time.Instant;

/** What may be shown about an endpoint's key in use: its id, when and by whom it was made; never the key. */
public record ContextLinkKeyInfo(String keyId, Instant createdAt, String createdBy) implements Serializable {
}
