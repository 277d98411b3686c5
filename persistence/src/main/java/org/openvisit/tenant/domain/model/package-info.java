/**
 * The tenant model: organizations (hospitals, health systems) that use OpenVisit,
 * with the invariants they guard themselves.
 */
package org.openvisit.tenant.domain.model;
