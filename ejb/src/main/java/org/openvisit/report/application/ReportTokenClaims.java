package org.openvisit.report.application;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What a verified reports bearer token says: who (subject), its id, the organization, the groups and the expiry. */
public record ReportTokenClaims(String issuer, String subject, String tokenId, UUID organizationId, Set<String> groups,
                                Instant expiresAt) {
}
