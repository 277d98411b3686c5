/**
 * JPA implementation of the account repository.
 */
package org.openvisit.identity.infrastructure.persistence;
