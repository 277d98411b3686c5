/**
 * The audit trail on the API: an organization's events (and operators: the installation's own) as a FHIR searchset
 * Bundle of AuditEvents, and where the organization's events are forwarded.
 */
package org.openvisit.audit.interfaces.rest;
