package org.openvisit.launch.domain.model;

import java.util.List;
import java.util.UUID;

/** The launch audit log: written once per launch, read by operators and administrators. */
public interface LaunchAuditRepository {

    void add(LaunchAuditEntry entry);

    /** An organization's launches, newest first. */
    List<LaunchAuditEntry> ofOrganization(UUID organizationId, int first, int max);

    /** All launches, newest first (refusals of unknown issuers belong to no organization). */
    List<LaunchAuditEntry> recent(int first, int max);
}
