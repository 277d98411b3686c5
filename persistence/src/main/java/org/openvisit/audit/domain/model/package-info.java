/**
 * The audit trail's model: what happened (kind, outcome), who did it (a portal username or an EHR user id, nothing
 * else about a person), to which visit or endpoint, when; kept in the organization's regional store or, for the
 * installation's own events, in the global store. Shown and exported as FHIR AuditEvents (BALP).
 */
package org.openvisit.audit.domain.model;
