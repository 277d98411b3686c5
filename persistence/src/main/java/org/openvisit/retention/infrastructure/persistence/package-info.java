/** The retention repository on a regional store, in plain SQL. */
package org.openvisit.retention.infrastructure.persistence;
