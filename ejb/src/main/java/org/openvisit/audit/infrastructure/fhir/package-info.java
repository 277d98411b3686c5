/**
 * The audit trail as FHIR R4 AuditEvents shaped after IHE Basic Audit Log Patterns (BALP): the mapping, the searchset
 * Bundle of an export, and the adapter that POSTs each event to an organization's audit repository through the
 * {@code ehr} layer's FHIR clients (timeouts, the outbound address policy).
 */
package org.openvisit.audit.infrastructure.fhir;
