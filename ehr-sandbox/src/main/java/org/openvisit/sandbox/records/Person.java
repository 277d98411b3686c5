package org.openvisit.sandbox.records;

/** A user of the sandbox EHR: a practitioner or a patient, by FHIR reference and display name. */
public record Person(String reference, String displayName) {

    public boolean isPractitioner() {
        return reference.startsWith("Practitioner/");
    }

    public String id() {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
