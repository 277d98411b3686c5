package org.openvisit.writeback.domain.model;

/** How OpenVisit writes visit events to an endpoint's EHR. */
public enum WriteBackAdapter {
    /** FHIR R4: Encounter (or Appointment) status and period, and a Communication per event. The default. */
    FHIR,
    /** An Epic-style "set connection status" REST call per connect and disconnect event. */
    EPIC_CONNECTION_STATUS
}
