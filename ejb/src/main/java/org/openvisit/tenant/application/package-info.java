/**
 * Tenant use cases: registering and listing organizations. Each service method is one transaction;
 * callers get records, never entities.
 */
package org.openvisit.tenant.application;
