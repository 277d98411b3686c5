package org.openvisit.tenant.application;

import java.io.Serializable;
import java.time.Instant;

/**
 * A freshly generated context-link key: the only time its value is ever shown. The EHR analyst
 * enters {@code keyBase64} (AES-256, 32 bytes) and {@code keyId} in the EHR.
 */
public record NewContextLinkKey(String keyId, String keyBase64, Instant createdAt) implements Serializable {

    @Override
    public String toString() {
        return "NewContextLinkKey[keyId=" + keyId + ", createdAt=" + createdAt + "]"; // never print the key
    }
}
