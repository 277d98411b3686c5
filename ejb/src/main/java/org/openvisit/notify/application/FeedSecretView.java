package org.openvisit.notify.application;

import java.io.Serializable;
import java.util.UUID;

/**
 * A new feed secret, shown once (it is kept only sealed): the EHR signs each HTTPS message with it, header
 * {@code X-OpenVisit-Signature: sha256=<hex HMAC-SHA256 of the body>}, and posts it to {@code feedPath}.
 */
public record FeedSecretView(UUID endpointId, String secret, String header, String feedPath) implements Serializable {
}
