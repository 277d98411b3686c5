/**
 * The tenant model: organizations (hospitals, health systems) that use OpenVisit and the FHIR
 * endpoints of their EHRs with the approval state machine, each guarding its own invariants; what an approver's
 * EHR sign-in must prove ({@link org.openvisit.tenant.domain.model.StaffEhrUser}, bound to the endpoint by
 * {@link org.openvisit.tenant.domain.model.EhrSignIn}) and when a URL is a shared EHR
 * ({@link org.openvisit.tenant.domain.model.EhrSharing}).
 */
package org.openvisit.tenant.domain.model;
