/**
 * Data regions as storage: one store (database) per region, reached only with the region in hand, the guard that
 * refuses a row of another region, and the move of an organization to another region (its state machine).
 */
package org.openvisit.region.domain.model;
