/**
 * The default write-back adapter, FHIR R4 with a HAPI client from {@code org.openvisit.ehr.fhir}: Encounter (or
 * Appointment) status and the real call period with {@code If-Match} (re-read on 412 and 409), and one
 * Communication per event created with {@code If-None-Exist} on the event's id, times with milliseconds.
 */
package org.openvisit.writeback.infrastructure.fhir;
