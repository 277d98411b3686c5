/**
 * The audit trail (issue 20): {@link org.openvisit.audit.application.AuditTrail}, the one way services record what
 * happened (in their own transaction where the store allows, else once it committed); the search and exports for an
 * organization's administrators and operators; the organization's forwarding to its own audit repository (a durable
 * outbox per region, sent through the {@code ehr} layer); its retention.
 */
package org.openvisit.audit.application;
