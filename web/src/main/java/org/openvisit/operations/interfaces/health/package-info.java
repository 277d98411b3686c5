/**
 * MicroProfile Health checks served at /health: liveness, and readiness that really queries the database.
 */
package org.openvisit.operations.interfaces.health;
