/**
 * What an operator needs to know about the running installation: database reachability and
 * schema version, for health checks and the portal.
 */
package org.openvisit.operations.application;
