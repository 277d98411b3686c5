/**
 * The regional stores on JPA: one persistence unit and data source per region; region moves in the global store and
 * the JDBC copier that moves one organization's rows between two regions' stores.
 */
package org.openvisit.region.infrastructure.persistence;
