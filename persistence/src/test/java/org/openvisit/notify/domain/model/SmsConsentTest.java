package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsConsentTest {

    static final UUID ORG = UUID.fromString("5a1e0000-0000-4000-8000-000000000001");
    static final UUID OTHER_ORG = UUID.fromString("5a1e0000-0000-4000-8000-000000000002");
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final Actor ADMIN = Actor.member("it.admin", ORG, Role.ORG_ADMIN);

    @Test
    void bothConsentsAreNeededAndWhoAndWhenAreKept() {
        SmsConsent consent = new SmsConsent(ORG);
        assertThat(consent.bothGiven()).isFalse();
        assertThatThrownBy(consent::requireBoth).isInstanceOf(SmsConsentMissingException.class)
                .hasMessageContaining("both consents");

        assertThat(consent.grant(ConsentKind.VENDOR_SENDS, ADMIN, T0)).isTrue();
        assertThat(consent.bothGiven()).as("one is not enough").isFalse();
        assertThatThrownBy(consent::requireBoth).isInstanceOf(SmsConsentMissingException.class);

        assertThat(consent.grant(ConsentKind.PATIENTS_CONSENTED, ADMIN, T0.plusSeconds(5))).isTrue();
        consent.requireBoth();
        assertThat(consent.given(ConsentKind.VENDOR_SENDS)).contains(new SmsConsent.Given("it.admin", T0));
        assertThat(consent.given(ConsentKind.PATIENTS_CONSENTED))
                .contains(new SmsConsent.Given("it.admin", T0.plusSeconds(5)));
    }

    @Test
    void withdrawingEitherStopsEverythingAndTheHistoryKeepsGrantAndWithdrawal() {
        SmsConsent consent = new SmsConsent(ORG);
        consent.grant(ConsentKind.VENDOR_SENDS, ADMIN, T0);
        consent.grant(ConsentKind.PATIENTS_CONSENTED, ADMIN, T0);
        assertThat(consent.withdraw(ConsentKind.PATIENTS_CONSENTED, ADMIN, T0.plusSeconds(60))).isTrue();
        assertThat(consent.bothGiven()).isFalse();
        assertThat(consent.given(ConsentKind.PATIENTS_CONSENTED)).isEmpty();
        assertThat(consent.withdraw(ConsentKind.PATIENTS_CONSENTED, ADMIN, T0.plusSeconds(61)))
                .as("not given: nothing to withdraw").isFalse();
        assertThat(consent.grant(ConsentKind.VENDOR_SENDS, ADMIN, T0.plusSeconds(62))).as("already given").isFalse();
        assertThat(consent.history()).extracting(SmsConsentChange::sequence, SmsConsentChange::kind,
                SmsConsentChange::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, ConsentKind.VENDOR_SENDS, ConsentAction.GRANT),
                org.assertj.core.groups.Tuple.tuple(2, ConsentKind.PATIENTS_CONSENTED, ConsentAction.GRANT),
                org.assertj.core.groups.Tuple.tuple(3, ConsentKind.PATIENTS_CONSENTED, ConsentAction.WITHDRAW));
    }

    @Test
    void onlyAnAdministratorOfTheOrganizationGrantsOrWithdraws() {
        SmsConsent consent = new SmsConsent(ORG);
        for (Actor notAllowed : new Actor[] {Actor.operator("ops"), Actor.member("it.admin", OTHER_ORG, Role.ORG_ADMIN),
                Actor.member("analyst", ORG, Role.EHR_ANALYST), Actor.member("reader", ORG, Role.REPORT_READER)}) {
            assertThatThrownBy(() -> consent.grant(ConsentKind.VENDOR_SENDS, notAllowed, T0))
                    .as(notAllowed.toString()).isInstanceOf(SmsActionForbiddenException.class);
            assertThatThrownBy(() -> consent.withdraw(ConsentKind.VENDOR_SENDS, notAllowed, T0))
                    .isInstanceOf(SmsActionForbiddenException.class);
        }
        assertThat(consent.history()).isEmpty();
        assertThat(consent.bothGiven()).isFalse();
    }
}
