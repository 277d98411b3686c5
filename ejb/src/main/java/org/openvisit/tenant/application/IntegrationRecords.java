package org.openvisit.tenant.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Everything an EHR needs to launch OpenVisit from one approved endpoint, in the order it is entered. */
public record IntegrationRecords(UUID endpointId, String fhirBaseUrl, Instant generatedAt, List<IntegrationRecord> records)
        implements Serializable {

    public IntegrationRecords {
        records = List.copyOf(records);
    }

    /** Plain text for the download: one "label: value" line each, with the hint under it. */
    public String asText() {
        return "OpenVisit integration records\nFHIR endpoint: " + fhirBaseUrl + "\nGenerated: " + generatedAt + "\n\n"
                + records.stream().map(r -> r.label() + ":\n    " + r.value() + (r.hint() == null ? "" : "\n    (" + r.hint() + ")"))
                .collect(Collectors.joining("\n\n")) + "\n";
    }
}
