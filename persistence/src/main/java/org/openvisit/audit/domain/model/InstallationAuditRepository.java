package org.openvisit.audit.domain.model;

/** The installation's own audit trail, in the global store. */
public interface InstallationAuditRepository extends AuditTrailRepository<InstallationAuditRecord> {
}
