/**
 * Data regions as storage: one store (database) per region, reached only with the region in hand, and the guard that
 * refuses a row of another region.
 */
package org.openvisit.region.domain.model;
