/**
 * The database itself: versioned schema migrations (Flyway, the same scripts on H2 and PostgreSQL)
 * and the JDBC data source that picks its driver from the configured URL.
 */
package org.openvisit.database;
