/**
 * The database itself: versioned schema migrations (Flyway, the same scripts on H2 and PostgreSQL)
 * and the JDBC data source that picks its driver from the configured URL (with a stand-in for a
 * regional store whose database is down while the application is deployed).
 */
package org.openvisit.database;
