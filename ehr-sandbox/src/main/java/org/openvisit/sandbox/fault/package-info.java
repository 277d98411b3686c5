/**
 * The fault switch for tests: makes the FHIR API answer 500, 429 with Retry-After, hang, or be down
 * for a while, so OpenVisit's retries and durability can be tested against a misbehaving EHR.
 */
package org.openvisit.sandbox.fault;
