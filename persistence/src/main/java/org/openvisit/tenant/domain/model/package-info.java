/**
 * The tenant model: organizations (hospitals, health systems) that use OpenVisit and the FHIR
 * endpoints of their EHRs with the approval state machine, each guarding its own invariants.
 */
package org.openvisit.tenant.domain.model;
