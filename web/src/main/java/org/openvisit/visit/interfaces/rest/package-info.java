/**
 * Operator calls on visits: end a visit that nobody ended (records VISIT_ENDED, which write-back
 * delivers to the EHR).
 */
package org.openvisit.visit.interfaces.rest;
