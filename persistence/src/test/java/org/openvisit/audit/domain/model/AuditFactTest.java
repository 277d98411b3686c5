package org.openvisit.audit.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditFactTest {

    private static final Instant T0 = Instant.parse("2027-01-10T08:00:00Z");

    @Test
    void onlySignInsKeepTheAddressTheyCameFrom() {
        AuditFact signIn = AuditFact.of(AuditKind.SIGN_IN, AuditActor.portalUser("ada")).withSourceAddress(" 192.0.2.1 ");
        assertThat(signIn.sourceAddress()).isEqualTo("192.0.2.1");
        assertThatThrownBy(() -> AuditFact.of(AuditKind.LAUNCH, AuditActor.ehrUser("Practitioner/1"))
                .withSourceAddress("192.0.2.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgedLineBreaksAndOverlongTextAreDefused() {
        AuditFact fact = AuditFact.of(AuditKind.SIGN_IN, AuditActor.typedUsername("eve\r\nSign-in succeeded: admin"))
                .withDetail("x".repeat(600) + "\n");
        assertThat(fact.actor().id()).doesNotContain("\r", "\n").hasSizeLessThanOrEqualTo(64);
        assertThat(fact.detail()).hasSize(AuditFact.MAX_DETAIL).endsWith("…");
        assertThat(AuditActor.typedUsername("  ").id()).isEqualTo("?");
        assertThat(AuditActor.typedUsername("u".repeat(300)).id()).hasSize(AuditActor.MAX_TYPED_USERNAME);
    }

    @Test
    void peopleWhoHaveAnIdentifierNeedItAndOthersHaveNone() {
        assertThatThrownBy(() -> AuditActor.portalUser(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditActor.ehrUser(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditActor(ActorType.CLINICIAN, "Practitioner/1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditActor.system().isPerson()).isFalse();
        assertThat(AuditActor.clinician().isPerson()).isTrue();
    }

    @Test
    void anOrganizationsRecordNeedsItsOrganizationAndForwardsOnlyWhenAsked() {
        AuditFact fact = AuditFact.of(AuditKind.EXPORT, AuditActor.portalUser("ada"));
        assertThatThrownBy(() -> OrganizationAuditRecord.of(UUID.randomUUID(), T0, fact, false))
                .isInstanceOf(IllegalArgumentException.class);
        OrganizationAuditRecord quiet = OrganizationAuditRecord.of(UUID.randomUUID(), T0,
                fact.withOrganization(UUID.randomUUID()), false);
        assertThat(quiet.forwardState()).isEmpty();
        assertThat(quiet.isForwardDue(T0.plusSeconds(60))).isFalse();
        assertThatThrownBy(quiet::forwarded).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aForwardIsRetriedUntilItIsTakenOrGivenUp() {
        OrganizationAuditRecord r = OrganizationAuditRecord.of(UUID.randomUUID(), T0,
                AuditFact.of(AuditKind.EXPORT, AuditActor.portalUser("ada")).withOrganization(UUID.randomUUID()), true);
        assertThat(r.isForwardDue(T0)).isTrue();
        r.claimForward(T0, Duration.ofMinutes(2));
        assertThat(r.isForwardDue(T0.plusSeconds(60))).isFalse();
        assertThat(r.isForwardDue(T0.plusSeconds(120))).isTrue();
        r.forwardFailed("timeout\nforged", T0.plusSeconds(300));
        assertThat(r.forwardState()).contains(ForwardState.PENDING);
        assertThat(r.forwardError()).contains("timeout?forged");
        assertThat(r.isForwardDue(T0.plusSeconds(299))).isFalse();
        r.forwarded();
        assertThat(r.forwardState()).contains(ForwardState.SENT);
        assertThat(r.forwardAttempts()).isEqualTo(2);
        assertThat(r.forwardError()).isEmpty();
        assertThatThrownBy(() -> r.forwardFailed("late", null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFilterNeedsAPeriodThatEndsAfterItStarts() {
        assertThatThrownBy(() -> new AuditFilter(null, T0, T0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AuditFilter(null, T0, T0.plusSeconds(1), null, "  ", null).actor()).isNull();
    }
}
