/**
 * The fault switch for tests: makes the FHIR API answer 500, 429 with Retry-After, hang, be down for a while,
 * or meet someone else's edit before each conditional update, so OpenVisit's retries, conflict handling and
 * durability can be tested against a misbehaving EHR.
 */
package org.openvisit.sandbox.fault;
