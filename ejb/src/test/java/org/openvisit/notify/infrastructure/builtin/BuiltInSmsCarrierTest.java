package org.openvisit.notify.infrastructure.builtin;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.application.NumberRequest;
import org.openvisit.notify.application.ProvisioningProgress;
import org.openvisit.notify.domain.model.SendingNumber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInSmsCarrierTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final Set<String> held = new HashSet<>();

    private BuiltInSmsCarrier carrier(Instant now) {
        return new BuiltInSmsCarrier(Duration.ofSeconds(5), "202", "212, 313", () -> held,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static NumberRequest request(String country, String area, int attempt) {
        return new NumberRequest(UUID.randomUUID(), country, area, attempt);
    }

    @Test
    void givesAFictionalNumberOnlyAfterTheDelayAndAnyNodeCanAnswerFromTheJobAlone() {
        String job = carrier(T0).startProvisioning(request("US", null, 1));
        assertThat(carrier(T0.plusSeconds(4)).checkProvisioning(job)).isInstanceOf(ProvisioningProgress.InProgress.class);
        // a fresh carrier (another node, or after a restart) answers for the same job
        ProvisioningProgress done = carrier(T0.plusSeconds(5)).checkProvisioning(job);
        assertThat(done).isEqualTo(new ProvisioningProgress.Done(SendingNumber.of("+1 202 555 0100")));
    }

    @Test
    void neverGivesANumberSomeoneHolds() {
        held.add("+12025550100");
        held.add("+12025550101");
        String job = carrier(T0).startProvisioning(request("US", "202", 1));
        assertThat(carrier(T0.plusSeconds(6)).checkProvisioning(job))
                .isEqualTo(new ProvisioningProgress.Done(new SendingNumber("+12025550102")));
        for (int line = 100; line <= 199; line++) {
            held.add("+12025550" + line);
        }
        assertThat(carrier(T0.plusSeconds(6)).checkProvisioning(job)).isInstanceOfSatisfying(
                ProvisioningProgress.Failed.class, f -> assertThat(f.reason()).contains("All 100 numbers"));
    }

    @Test
    void theFailureSwitchFailsTheFirstAttemptOnlyAndSaysWhatToDo() {
        String first = carrier(T0).startProvisioning(request("US", "212", 1));
        assertThat(carrier(T0.plusSeconds(6)).checkProvisioning(first)).isInstanceOfSatisfying(
                ProvisioningProgress.Failed.class, f -> assertThat(f.reason()).contains("Press Retry"));
        String retry = carrier(T0).startProvisioning(request("US", "212", 2));
        assertThat(carrier(T0.plusSeconds(6)).checkProvisioning(retry))
                .isEqualTo(new ProvisioningProgress.Done(new SendingNumber("+12125550100")));
    }

    @Test
    void refusesOtherCountriesUnknownAreaCodesAndJobsItNeverStarted() {
        assertThat(carrier(T0.plusSeconds(6)).checkProvisioning(carrier(T0).startProvisioning(request("GB", null, 1))))
                .isInstanceOfSatisfying(ProvisioningProgress.Failed.class,
                        f -> assertThat(f.reason()).contains("United States numbers only"));
        assertThat(carrier(T0.plusSeconds(6)).checkProvisioning(carrier(T0).startProvisioning(request("US", "000", 1))))
                .isInstanceOfSatisfying(ProvisioningProgress.Failed.class,
                        f -> assertThat(f.reason()).contains("no area code 000"));
        assertThat(carrier(T0).checkProvisioning("twilio:PN123")).isInstanceOf(ProvisioningProgress.Failed.class);
        assertThat(carrier(T0).checkProvisioning(null)).isInstanceOf(ProvisioningProgress.Failed.class);
        assertThat(carrier(T0).checkProvisioning("builtin;x;US;202;1")).isInstanceOf(ProvisioningProgress.Failed.class);
    }

    @Test
    void aSentMessageIsRecordedInTheRegionsOutboxWithTheNumberMasked() {
        java.util.List<org.openvisit.notify.domain.model.OutboxEntry> recorded = new java.util.ArrayList<>();
        java.util.List<org.openvisit.tenant.domain.model.DataRegion> regions = new java.util.ArrayList<>();
        BuiltInSmsCarrier carrier = carrier(T0).recordingTo((region, entry) -> {
            regions.add(region);
            recorded.add(entry);
        });
        UUID organization = UUID.randomUUID();
        UUID send = UUID.randomUUID();
        String id = carrier.send(new org.openvisit.notify.application.OutgoingSms(
                org.openvisit.tenant.domain.model.DataRegion.EMEA, organization, send, "+12025550100",
                "+12025550147", "Your video visit is booked."));
        assertThat(id).startsWith("builtin;");
        assertThat(regions).containsExactly(org.openvisit.tenant.domain.model.DataRegion.EMEA);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.toMasked()).isEqualTo("+1••••••0147");
            assertThat(e.organizationId()).isEqualTo(organization);
            assertThat(e.sendId()).isEqualTo(send);
            assertThat(e.sentAt()).isEqualTo(T0);
            assertThat(e.toString()).doesNotContain("2025550147");
        });
    }
}
