/**
 * Tenant use cases: organizations, their FHIR endpoints and approval (the approver's EHR sign-in included),
 * the sites that may frame their launch and visit pages, integration records and context-link keys. Each
 * service method is one transaction; callers get records, never entities.
 */
package org.openvisit.tenant.application;
