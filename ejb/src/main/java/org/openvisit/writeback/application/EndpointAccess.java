package org.openvisit.writeback.application;

import java.util.UUID;

/**
 * How to reach an endpoint for write-back: its FHIR base URL and OpenVisit's backend client there
 * (client id and the id of the key that signs its assertions). No secret in it.
 */
public record EndpointAccess(UUID endpointId, String fhirBase, String clientId, String keyId) {
}
