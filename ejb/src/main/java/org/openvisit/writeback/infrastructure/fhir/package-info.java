/**
 * The default write-back adapter, FHIR R4 with HAPI's client: Encounter (or Appointment) status and
 * period with {@code If-Match}, and one Communication per event created with {@code If-None-Exist} on
 * the event's id; one shared {@code FhirContext} with explicit timeouts.
 */
package org.openvisit.writeback.infrastructure.fhir;
