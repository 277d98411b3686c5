package org.openvisit.tenant.application;

import java.io.Serializable;

/** One value the EHR analyst types into the EHR's configuration: what it is, the value, and a hint. */
public record IntegrationRecord(String key, String label, String value, String hint) implements Serializable {
}
