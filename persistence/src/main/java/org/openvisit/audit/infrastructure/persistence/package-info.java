/** JPA repositories of the audit trail: the regional {@code audit_event} (with its forwarding outbox) and the global {@code installation_audit_event}. */
package org.openvisit.audit.infrastructure.persistence;
