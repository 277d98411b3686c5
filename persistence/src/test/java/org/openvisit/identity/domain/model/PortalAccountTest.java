package org.openvisit.identity.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortalAccountTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final UUID ORG = UUID.randomUUID();

    @Test
    void anOperatorBelongsToNoOrganizationAndActsAsOperator() {
        PortalAccount admin = PortalAccount.operator(new PortalUsername("Admin"), null, "hash", NOW);
        assertThat(admin.organization()).isEmpty();
        assertThat(admin.displayName()).isEqualTo("Admin");
        assertThat(admin.toActor().hasRole(Role.OPERATOR)).isTrue();
        assertThat(admin.isEnabled()).isTrue();
    }

    @Test
    void aMemberActsWithinItsOrganization() {
        PortalAccount analyst = PortalAccount.member(new PortalUsername("ana"), "Ana Lyst", ORG,
                Set.of(Role.EHR_ANALYST, Role.ORG_ADMIN), "hash", NOW);
        assertThat(analyst.toActor().hasRoleIn(Role.EHR_ANALYST, ORG)).isTrue();
        assertThat(analyst.toActor().hasRoleIn(Role.EHR_ANALYST, UUID.randomUUID())).isFalse();
    }

    @Test
    void refusesImpossibleRoleCombinations() {
        assertThatThrownBy(() -> PortalAccount.member(new PortalUsername("x"), null, ORG, Set.of(Role.OPERATOR), "h", NOW))
                .isInstanceOf(InvalidAccountException.class).hasMessageContaining("belongs to no organization");
        assertThatThrownBy(() -> PortalAccount.member(new PortalUsername("x"), null, ORG, Set.of(), "h", NOW))
                .isInstanceOf(InvalidAccountException.class).hasMessageContaining("at least one role");
        assertThatThrownBy(() -> PortalAccount.member(new PortalUsername("x"), null, null, Set.of(Role.ORG_ADMIN), "h", NOW))
                .isInstanceOf(InvalidAccountException.class).hasMessageContaining("organization");
    }

    @Test
    void refusesAnOverlongDisplayName() {
        assertThatThrownBy(() -> PortalAccount.operator(new PortalUsername("x"), "n".repeat(121), "h", NOW))
                .isInstanceOf(InvalidAccountException.class)
                .satisfies(e -> assertThat(((InvalidAccountException) e).field()).isEqualTo("displayName"));
    }

    @Test
    void disablingKeepsTheAccountButStopsIt() {
        PortalAccount account = PortalAccount.operator(new PortalUsername("op"), "Op", "h", NOW);
        account.disable();
        assertThat(account.isEnabled()).isFalse();
        account.enable();
        assertThat(account.isEnabled()).isTrue();
    }

    @Test
    void onlyOperatorsAndAdministratorsGetASecondFactorAndOnlyOnce() {
        PortalAccount analyst = PortalAccount.member(new PortalUsername("ana"), null, ORG, Set.of(Role.EHR_ANALYST), "h", NOW);
        assertThat(analyst.maySetUpSecondFactor()).isFalse();
        assertThatThrownBy(() -> analyst.enrolSecondFactor("sealed", 1, Set.of(), NOW))
                .isInstanceOf(InvalidAccountException.class);
        assertThat(analyst.hasSecondFactor()).isFalse();

        PortalAccount admin = PortalAccount.member(new PortalUsername("adm"), null, ORG, Set.of(Role.ORG_ADMIN), "h", NOW);
        admin.enrolSecondFactor("sealed", 10, Set.of("h1", "h2"), NOW);
        assertThatThrownBy(() -> admin.enrolSecondFactor("other", 20, Set.of(), NOW))
                .isInstanceOf(InvalidAccountException.class).hasMessageContaining("turn it off first");
        assertThat(admin.sealedTotpSecret()).hasValue("sealed");
    }

    @Test
    void aStepIsUsedOnceAndNeverAnEarlierOne() {
        PortalAccount operator = PortalAccount.operator(new PortalUsername("op"), null, "h", NOW);
        assertThat(operator.useTotpStep(5)).as("no second factor yet").isFalse();
        operator.enrolSecondFactor("sealed", 10, Set.of("h1"), NOW);
        assertThat(operator.useTotpStep(10)).as("the enrolment's own code").isFalse();
        assertThat(operator.useTotpStep(9)).isFalse();
        assertThat(operator.useTotpStep(11)).isTrue();
        assertThat(operator.useTotpStep(11)).as("replayed").isFalse();
        assertThat(operator.useRecoveryCode("h1")).isTrue();
        assertThat(operator.useRecoveryCode("h1")).isFalse();
        assertThat(operator.useRecoveryCode("unknown")).isFalse();
        operator.removeSecondFactor();
        assertThat(operator.hasSecondFactor()).isFalse();
        assertThat(operator.useTotpStep(99)).isFalse();
    }

    @Test
    void anAdministratorsResetMustBeChangedAndTheOwnChangeEndsIt() {
        PortalAccount ana = PortalAccount.member(new PortalUsername("ana"), null, ORG, Set.of(Role.EHR_ANALYST), "h1", NOW);
        assertThat(ana.mustChangePassword()).isFalse();

        ana.resetPassword("one-time-hash");
        assertThat(ana.passwordHash()).isEqualTo("one-time-hash");
        assertThat(ana.mustChangePassword()).isTrue();

        ana.changePasswordHash("own-hash");
        assertThat(ana.mustChangePassword()).isFalse();
        assertThatThrownBy(() -> ana.resetPassword(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolesChangeWithinTheOrganizationOnly() {
        PortalAccount ana = PortalAccount.member(new PortalUsername("ana"), null, ORG, Set.of(Role.EHR_ANALYST), "h", NOW);
        ana.changeRoles(Set.of(Role.ORG_ADMIN, Role.REPORT_READER));
        assertThat(ana.roles()).containsExactlyInAnyOrder(Role.ORG_ADMIN, Role.REPORT_READER);
        assertThatThrownBy(() -> ana.changeRoles(Set.of(Role.OPERATOR))).isInstanceOf(InvalidAccountException.class);
        assertThatThrownBy(() -> ana.changeRoles(Set.of())).isInstanceOf(InvalidAccountException.class);
        assertThat(ana.roles()).containsExactlyInAnyOrder(Role.ORG_ADMIN, Role.REPORT_READER);
    }

    @Test
    void theChosenLanguageIsRemembered() {
        PortalAccount ana = PortalAccount.member(new PortalUsername("ana"), null, ORG, Set.of(Role.EHR_ANALYST), "h", NOW);
        assertThat(ana.language()).isEmpty();
        ana.chooseLanguage(org.openvisit.shared.domain.model.Language.TRADITIONAL_CHINESE);
        assertThat(ana.language()).contains(org.openvisit.shared.domain.model.Language.TRADITIONAL_CHINESE);
        ana.chooseLanguage(null);
        assertThat(ana.language()).isEmpty();
    }
}
