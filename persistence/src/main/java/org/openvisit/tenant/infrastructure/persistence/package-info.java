/**
 * JPA implementations of the tenant repositories.
 * Only application services call them; the portal and REST layers never see an EntityManager.
 */
package org.openvisit.tenant.infrastructure.persistence;
