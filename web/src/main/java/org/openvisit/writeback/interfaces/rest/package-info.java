/**
 * The write-back API: an endpoint's queue with its health, retry and discard of failed items, the
 * adapter choice; and the public JWKS of OpenVisit's backend keys.
 */
package org.openvisit.writeback.interfaces.rest;
