/** JPA repositories of the visit model. */
package org.openvisit.visit.infrastructure.persistence;
