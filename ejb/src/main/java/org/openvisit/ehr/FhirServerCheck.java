package org.openvisit.ehr;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a Test connection found at an EHR's FHIR base URL: its SMART discovery document
 * ({@code .well-known/smart-configuration}) and its FHIR {@code metadata} (CapabilityStatement), each with an outcome,
 * the HTTP status when the server answered ({@code 0}: no answer) and, for the metadata, the FHIR version it speaks.
 * {@code detail}: the first failure in the layer's own words (English, for the technical reader), or {@code null}.
 */
public record FhirServerCheck(Outcome discovery, int discoveryStatus, Outcome metadata, int metadataStatus,
                              String fhirVersion, String detail, Instant checkedAt) implements Serializable {

    /** How one request ended. */
    public enum Outcome {
        /** Answered with what was asked for. */
        OK,
        /** The address policy does not let OpenVisit call this address. */
        REFUSED_ADDRESS,
        /** No connection (refused, name not found, certificate, network). */
        UNREACHABLE,
        /** No answer in time. */
        TIMEOUT,
        /** A redirect, which OpenVisit does not follow: the base URL is probably not the final one. */
        REDIRECT,
        /** Another HTTP status than 200 (404: nothing there, 401/403: the server wants a sign-in even for this). */
        HTTP_ERROR,
        /** An answer, but not a SMART configuration (missing endpoints, not JSON). */
        NOT_SMART,
        /** An answer, but not a FHIR CapabilityStatement. */
        NOT_FHIR,
        /** A CapabilityStatement of a FHIR version other than R4 (4.0.x). */
        WRONG_FHIR_VERSION
    }

    /** Whether both answered as a SMART on FHIR R4 server should. */
    public boolean ok() {
        return discovery == Outcome.OK && metadata == Outcome.OK;
    }
}
