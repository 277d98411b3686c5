/**
 * The application's data source, defined from MicroProfile Config so the EAR and the Micro WAR
 * need no server-side JDBC setup, and the schema migration that runs before anything else.
 */
package org.openvisit.database;
