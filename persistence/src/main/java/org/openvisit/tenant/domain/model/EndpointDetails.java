package org.openvisit.tenant.domain.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an organization admin enters for a FHIR endpoint: the base URL, the environment, an optional
 * label (department or sub-organization; blank means none) and the approver's portal username.
 */
public record EndpointDetails(FhirBaseUrl baseUrl, FhirEnvironment environment, String label,
                              PortalUsername approver) {

    public static final int MAX_LABEL_LENGTH = 120;

    public EndpointDetails {
        if (baseUrl == null) {
            throw new InvalidFhirBaseUrlException(InvalidFhirBaseUrlException.Problem.REQUIRED,
                    "The FHIR base URL is required, for example " + FhirBaseUrl.EXAMPLE + ".");
        }
        if (environment == null) {
            throw new InvalidEndpointException("environment", "Choose whether this is the EHR's TEST or PRODUCTION "
                    + "environment.");
        }
        if (approver == null) {
            throw new InvalidEndpointException("approver", "The approver's portal username is required.");
        }
        label = label(label);
    }

    private static String label(String label) {
        if (label == null) {
            return null;
        }
        String value = Normalizer.normalize(label, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        if (value.isEmpty()) {
            return null;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidEndpointException("label", "The label must not contain control characters.");
        }
        if (value.codePointCount(0, value.length()) > MAX_LABEL_LENGTH) {
            throw new InvalidEndpointException("label", "The label must be at most " + MAX_LABEL_LENGTH
                    + " characters.");
        }
        return value;
    }

    /** The names of the fields that differ from {@code other}, for the history ("base URL, approver"). */
    List<String> differencesFrom(EndpointDetails other) {
        List<String> changed = new ArrayList<>();
        if (!baseUrl.equals(other.baseUrl)) {
            changed.add("base URL");
        }
        if (environment != other.environment) {
            changed.add("environment");
        }
        if (!Objects.equals(label, other.label)) {
            changed.add("label");
        }
        if (!approver.value().equals(other.approver.value())) {
            changed.add("approver");
        }
        return changed;
    }
}
