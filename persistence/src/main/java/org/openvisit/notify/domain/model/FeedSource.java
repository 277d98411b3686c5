package org.openvisit.notify.domain.model;

/** Where an endpoint's appointments come from: the EHR's HL7v2 SIU messages, or OpenVisit polling its FHIR API. */
public enum FeedSource {
    HL7V2,
    FHIR_POLLING
}
