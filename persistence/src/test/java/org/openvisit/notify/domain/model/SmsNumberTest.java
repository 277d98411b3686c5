package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.notify.domain.model.SmsConsentTest.ADMIN;
import static org.openvisit.notify.domain.model.SmsConsentTest.ORG;
import static org.openvisit.notify.domain.model.SmsConsentTest.OTHER_ORG;
import static org.openvisit.notify.domain.model.SmsConsentTest.T0;

class SmsNumberTest {

    static final UUID ENDPOINT = UUID.fromString("e0000000-0000-4000-8000-000000000001");
    static final SendingNumber NUMBER = SendingNumber.of("+1 202 555 0100");

    static SmsConsent consented() {
        SmsConsent consent = new SmsConsent(ORG);
        consent.grant(ConsentKind.VENDOR_SENDS, ADMIN, T0);
        consent.grant(ConsentKind.PATIENTS_CONSENTED, ADMIN, T0);
        return consent;
    }

    static SmsNumber requested() {
        return SmsNumber.request(consented(), "us", "202", ADMIN, T0.plusSeconds(1));
    }

    static SmsNumber active() {
        SmsNumber number = requested();
        number.start("job-1", T0.plusSeconds(2));
        number.activate(NUMBER, T0.plusSeconds(3));
        return number;
    }

    @Test
    void aRequestNeedsBothConsents() {
        SmsConsent none = new SmsConsent(ORG);
        assertThatThrownBy(() -> SmsNumber.request(none, "US", null, ADMIN, T0))
                .isInstanceOf(SmsConsentMissingException.class);
        SmsConsent one = new SmsConsent(ORG);
        one.grant(ConsentKind.VENDOR_SENDS, ADMIN, T0);
        assertThatThrownBy(() -> SmsNumber.request(one, "US", null, ADMIN, T0))
                .isInstanceOf(SmsConsentMissingException.class);
    }

    @Test
    void onlyAnAdministratorOfTheOrganizationRequests() {
        assertThatThrownBy(() -> SmsNumber.request(consented(), "US", null, Actor.operator("ops"), T0))
                .isInstanceOf(SmsActionForbiddenException.class);
        assertThatThrownBy(() -> SmsNumber.request(consented(), "US", null,
                Actor.member("it.admin", OTHER_ORG, Role.ORG_ADMIN), T0)).isInstanceOf(SmsActionForbiddenException.class);
    }

    @Test
    void aCountryAndAreaCodeThatCannotBeOneAreRefused() {
        assertThatThrownBy(() -> SmsNumber.request(consented(), "USA", null, ADMIN, T0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("two-letter");
        assertThatThrownBy(() -> SmsNumber.request(consented(), null, null, ADMIN, T0))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> SmsNumber.request(consented(), "US", "20a", ADMIN, T0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("area code");
    }

    @Test
    void provisioningGoesRequestedInProgressActiveWithHistory() {
        SmsNumber number = requested();
        assertThat(number.status()).isEqualTo(SmsNumberStatus.REQUESTED);
        assertThat(number.country()).isEqualTo("US");
        number.start("job-1", T0.plusSeconds(2));
        assertThat(number.status()).isEqualTo(SmsNumberStatus.IN_PROGRESS);
        assertThat(number.carrierJob()).contains("job-1");
        number.activate(NUMBER, T0.plusSeconds(3));
        assertThat(number.status()).isEqualTo(SmsNumberStatus.ACTIVE);
        assertThat(number.number()).contains(NUMBER);
        assertThat(number.history()).extracting(SmsNumberStatusChange::action).containsExactly(
                SmsNumberAction.REQUEST, SmsNumberAction.START, SmsNumberAction.ACTIVATE);
        assertThat(number.history().get(2).actor()).isEqualTo(SmsNumber.SYSTEM);
        assertThat(number.history().get(0).actor()).isEqualTo("it.admin");
    }

    @Test
    void aFailureKeepsItsReasonAndRetryStartsAgainWithConsent() {
        SmsNumber number = requested();
        number.start("job-1", T0.plusSeconds(2));
        number.fail("No number is free in area code 202.", T0.plusSeconds(3));
        assertThat(number.status()).isEqualTo(SmsNumberStatus.FAILED);
        assertThat(number.failure()).contains("No number is free in area code 202.");
        assertThat(number.carrierJob()).isEmpty();

        SmsConsent withdrawn = consented();
        withdrawn.withdraw(ConsentKind.VENDOR_SENDS, ADMIN, T0.plusSeconds(4));
        assertThatThrownBy(() -> number.retry(withdrawn, ADMIN, T0.plusSeconds(5)))
                .isInstanceOf(SmsConsentMissingException.class);
        assertThat(number.status()).isEqualTo(SmsNumberStatus.FAILED);

        number.retry(consented(), ADMIN, T0.plusSeconds(6));
        assertThat(number.status()).isEqualTo(SmsNumberStatus.REQUESTED);
        assertThat(number.attempts()).isEqualTo(2);
        assertThat(number.failure()).isEmpty();
    }

    @Test
    void badTransitionsAreRefusedInWords() {
        SmsNumber number = requested();
        assertThatThrownBy(() -> number.activate(NUMBER, T0)).isInstanceOf(IllegalSmsNumberTransitionException.class);
        assertThatThrownBy(() -> number.release(ADMIN, T0)).isInstanceOf(IllegalSmsNumberTransitionException.class)
                .hasMessageContaining("still being set up");
        assertThatThrownBy(() -> number.retry(consented(), ADMIN, T0))
                .isInstanceOf(IllegalSmsNumberTransitionException.class);
        assertThatThrownBy(() -> number.link(ENDPOINT, ADMIN, T0))
                .isInstanceOf(IllegalSmsNumberTransitionException.class);

        SmsNumber active = active();
        assertThatThrownBy(() -> active.start("job-2", T0)).isInstanceOf(IllegalSmsNumberTransitionException.class);
        assertThatThrownBy(() -> active.fail("late", T0)).isInstanceOf(IllegalSmsNumberTransitionException.class);
        assertThatThrownBy(() -> active.retry(consented(), ADMIN, T0))
                .isInstanceOf(IllegalSmsNumberTransitionException.class);
        active.release(ADMIN, T0.plusSeconds(10));
        assertThatThrownBy(() -> active.release(ADMIN, T0)).isInstanceOf(IllegalSmsNumberTransitionException.class)
                .hasMessageContaining("was released");
        assertThatThrownBy(() -> active.link(ENDPOINT, ADMIN, T0))
                .isInstanceOf(IllegalSmsNumberTransitionException.class);
        assertThat(active.history()).hasSize(4);
    }

    @Test
    void linkAndUnlinkEndpointsWhileActiveAndReleaseDropsThem() {
        SmsNumber number = active();
        UUID second = UUID.randomUUID();
        assertThat(number.link(ENDPOINT, ADMIN, T0)).isTrue();
        assertThat(number.link(second, ADMIN, T0)).isTrue();
        assertThat(number.link(ENDPOINT, ADMIN, T0)).as("already linked").isFalse();
        assertThat(number.endpoints()).containsExactlyInAnyOrder(ENDPOINT, second);
        assertThat(number.unlink(second, ADMIN, T0)).isTrue();
        assertThat(number.unlink(second, ADMIN, T0)).isFalse();
        assertThat(number.endpoints()).containsExactly(ENDPOINT);
        assertThatThrownBy(() -> number.link(second, Actor.operator("ops"), T0))
                .isInstanceOf(SmsActionForbiddenException.class);
        number.release(ADMIN, T0.plusSeconds(20));
        assertThat(number.endpoints()).isEmpty();
        assertThat(number.status()).isEqualTo(SmsNumberStatus.RELEASED);
        assertThat(number.number()).as("kept for the history").contains(NUMBER);
    }

    @Test
    void aFailedRequestCanBeAbandoned() {
        SmsNumber number = requested();
        number.fail("Consent withdrawn before the carrier was asked.", T0.plusSeconds(2));
        number.release(ADMIN, T0.plusSeconds(3));
        assertThat(number.status()).isEqualTo(SmsNumberStatus.RELEASED);
    }

    @ParameterizedTest
    @EnumSource(SmsNumberStatus.class)
    void everyStatusSaysWhatItAllows(SmsNumberStatus status) {
        assertThat(status.after(SmsNumberAction.REQUEST)).isEmpty();
        assertThat(status.isUnfinished()).isEqualTo(status == SmsNumberStatus.REQUESTED
                || status == SmsNumberStatus.IN_PROGRESS);
        if (status == SmsNumberStatus.RELEASED) {
            for (SmsNumberAction action : SmsNumberAction.values()) {
                assertThat(status.after(action)).as("released is final: " + action).isEmpty();
            }
        }
    }
}
