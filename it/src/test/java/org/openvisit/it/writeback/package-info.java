/**
 * Write-back over real HTTP: OpenVisit (start script, H2 file database) and the EHR sandbox on a Payara
 * Micro of its own (so the EHR's records survive when OpenVisit is killed), faults, a crash.
 */
package org.openvisit.it.writeback;
