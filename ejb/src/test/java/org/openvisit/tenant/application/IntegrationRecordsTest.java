package org.openvisit.tenant.application;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationRecordsTest {

    @Test
    void theTextDownloadHasEveryRecordWithItsHint() {
        IntegrationRecords records = new IntegrationRecords(UUID.randomUUID(), "https://ehr.example.org/fhir",
                Instant.parse("2026-11-23T10:00:00Z"), List.of(
                new IntegrationRecord("clientId", "SMART client id", "openvisit", "public client"),
                new IntegrationRecord("redirectUri", "Redirect URI", "https://ov.example.org/launch/callback", null)));

        String text = records.asText();

        assertThat(text).contains("FHIR endpoint: https://ehr.example.org/fhir")
                .contains("SMART client id:\n    openvisit\n    (public client)")
                .contains("Redirect URI:\n    https://ov.example.org/launch/callback\n")
                .doesNotContain("null");
    }
}
