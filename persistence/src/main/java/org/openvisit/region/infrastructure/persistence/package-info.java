/** The regional stores on JPA: one persistence unit and data source per region. */
package org.openvisit.region.infrastructure.persistence;
