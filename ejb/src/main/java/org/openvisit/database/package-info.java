/**
 * The stores' data sources, defined from MicroProfile Config so the EAR and the Micro WAR
 * need no server-side JDBC setup, and the schema migrations that run before anything else.
 */
package org.openvisit.database;
