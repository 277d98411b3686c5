package org.openvisit.notify.infrastructure.fhir;

import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.notify.application.EhrSubscriptions;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Subscription OpenVisit asks an EHR for, in the Backport IG's R4 shape. */
class HapiFhirSubscriptionsTest {

    @Test
    void aRestHookWithIdOnlyPayloadTheSecretHeaderAndAHeartbeat() {
        EhrSubscriptions.Request request = new EhrSubscriptions.Request("https://ehr.example.org/topics/appointment",
                "https://openvisit.example.org/api/fhir/subscriptions/hook-1", "X-OpenVisit-Subscription-Secret",
                "s3cret", Instant.parse("2027-03-16T10:00:00Z"), 300);
        Subscription s = HapiFhirSubscriptions.shape(request);
        String json = FhirClients.newContext().newJsonParser().encodeResourceToString(s);
        assertThat(s.getStatus()).isEqualTo(Subscription.SubscriptionStatus.REQUESTED);
        assertThat(s.getCriteria()).isEqualTo("https://ehr.example.org/topics/appointment");
        assertThat(s.getMeta().hasProfile(HapiFhirSubscriptions.PROFILE)).isTrue();
        assertThat(s.getChannel().getType()).isEqualTo(Subscription.SubscriptionChannelType.RESTHOOK);
        assertThat(s.getChannel().getPayload()).isEqualTo("application/fhir+json");
        assertThat(s.getChannel().getPayloadElement().getExtensionByUrl(HapiFhirSubscriptions.PAYLOAD_CONTENT)
                .getValue().primitiveValue()).isEqualTo("id-only");
        assertThat(s.getChannel().getHeader()).extracting(h -> h.getValue())
                .containsExactly("X-OpenVisit-Subscription-Secret: s3cret");
        assertThat(s.getChannel().getExtensionByUrl(HapiFhirSubscriptions.HEARTBEAT).getValue().primitiveValue())
                .isEqualTo("300");
        assertThat(json).contains("\"_payload\"").contains("backport-payload-content");
        assertThat(request.toString()).doesNotContain("s3cret");
    }
}
