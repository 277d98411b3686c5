package org.openvisit.identity.application;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.identity.domain.model.AccountRepository;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.secrets.Sealer;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecondFactorServiceTest {

    private static final String PASSWORD = "a long sentence nobody guesses";

    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-05T03:30:05Z"));
    private final Accounts accounts = new Accounts();
    private final Sealer sealer = new Sealer(randomKey());
    private final TotpCodes codes = new TotpCodes();
    private SecondFactorService service;
    private PortalAccount operator;

    @BeforeEach
    void operator() {
        service = new SecondFactorService(accounts, sealer, "none", clock);
        operator = PortalAccount.operator(new PortalUsername("ops"), null, new PasswordHasher().hash(PASSWORD),
                Instant.EPOCH);
        accounts.add(operator);
    }

    private byte[] secretOf(NewSecondFactor pending) {
        return sealer.unseal(SecondFactorService.PURPOSE + operator.id(), pending.sealedSecret());
    }

    private String codeAt(byte[] secret, Instant at) {
        return codes.code(secret, TotpCodes.step(at));
    }

    /** Sets it up; answers the secret and the recovery codes. */
    private Enrolled enrol() {
        NewSecondFactor pending = service.begin("ops");
        byte[] secret = secretOf(pending);
        List<String> recovery = service.confirm("ops", pending.sealedSecret(), codeAt(secret, clock.instant()));
        return new Enrolled(secret, recovery);
    }

    private record Enrolled(byte[] secret, List<String> recovery) {
    }

    @Test
    void enrolmentShowsTheSecretForTheAppAndCompletesOnlyWithACurrentCode() {
        NewSecondFactor pending = service.begin("ops");
        byte[] secret = secretOf(pending);
        assertThat(pending.otpauthUri()).startsWith("otpauth://totp/OpenVisit%3Aops?secret=" + Base32.encode(secret))
                .contains("issuer=OpenVisit", "digits=6", "period=30");
        assertThat(pending.groupedSecret().replace(" ", "")).isEqualTo(Base32.encode(secret));
        assertThat(pending.groupedSecret()).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        assertThat(pending.toString()).doesNotContain(Base32.encode(secret));
        assertThat(operator.hasSecondFactor()).as("nothing stored before the code").isFalse();

        assertThatThrownBy(() -> service.confirm("ops", pending.sealedSecret(), "000000"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> service.confirm("ops", pending.sealedSecret(),
                codeAt(secret, clock.instant().minus(Duration.ofMinutes(5))))).as("an old code")
                .isInstanceOf(InvalidValueException.class);
        assertThat(operator.hasSecondFactor()).isFalse();

        List<String> recovery = service.confirm("ops", pending.sealedSecret(), codeAt(secret, clock.instant()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"));
        assertThat(operator.hasSecondFactor()).isTrue();
        assertThat(operator.sealedTotpSecret().orElseThrow()).doesNotContain(Base32.encode(secret));
        assertThat(service.status("ops")).isEqualTo(new SecondFactorStatus(true, true, false, 10));
        assertThat(service.afterPassword("ops")).isEqualTo(SecondStep.CODE);
    }

    @Test
    void aSecretSealedForAnotherAccountIsRefused() {
        PortalAccount other = PortalAccount.operator(new PortalUsername("other"), null, "h", Instant.EPOCH);
        accounts.add(other);
        NewSecondFactor othersSecret = service.begin("other");
        byte[] secret = sealer.unseal(SecondFactorService.PURPOSE + other.id(), othersSecret.sealedSecret());
        assertThatThrownBy(() -> service.confirm("ops", othersSecret.sealedSecret(), codeAt(secret, clock.instant())))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("start again");
    }

    @Test
    void theEnrolmentCodeCannotSignInAgain() {
        Enrolled enrolled = enrol();
        assertThat(service.check("ops", codeAt(enrolled.secret(), clock.instant())).accepted()).isFalse();
    }

    @Test
    void aCodeIsAcceptedWithinOneStepEitherSideAndOnlyOnce() {
        Enrolled enrolled = enrol();
        clock.advance(Duration.ofSeconds(60));
        Instant now = clock.instant();
        String previous = codeAt(enrolled.secret(), now.minus(TotpCodes.STEP));
        String current = codeAt(enrolled.secret(), now);
        String next = codeAt(enrolled.secret(), now.plus(TotpCodes.STEP));

        assertThat(service.check("ops", previous).accepted()).as("one step behind").isTrue();
        assertThat(service.check("ops", previous).accepted()).as("the same code again (replay)").isFalse();
        assertThat(service.check("ops", current).accepted()).isTrue();
        assertThat(service.check("ops", current).accepted()).as("replayed").isFalse();
        assertThat(service.check("ops", previous).accepted()).as("an earlier step after a later one").isFalse();
        assertThat(service.check("ops", next).accepted()).as("one step ahead").isTrue();

        clock.advance(Duration.ofSeconds(30 * 5));
        assertThat(service.check("ops", codeAt(enrolled.secret(), clock.instant().plus(TotpCodes.STEP.multipliedBy(2))))
                .accepted()).as("two steps ahead").isFalse();
        assertThat(service.check("ops", codeAt(enrolled.secret(), clock.instant().minus(TotpCodes.STEP.multipliedBy(2))))
                .accepted()).as("two steps behind").isFalse();
    }

    @Test
    void wrongCodesAndAccountsWithoutASecondFactorAreRefused() {
        assertThat(service.check("ops", "123456").accepted()).as("no second factor yet").isFalse();
        Enrolled enrolled = enrol();
        clock.advance(Duration.ofSeconds(30));
        String right = codeAt(enrolled.secret(), clock.instant());
        String wrong = right.equals("000000") ? "000001" : "000000";
        assertThat(service.check("ops", wrong)).isEqualTo(new CodeCheck(false, false, 0));
        assertThat(service.check("nobody", right).accepted()).isFalse();
        assertThat(service.check("ops", "x\r\ny").accepted()).isFalse();
        assertThat(service.check("ops", null).accepted()).isFalse();
        assertThat(service.check("ops", right).accepted()).as("the wrong ones used nothing up").isTrue();
    }

    @Test
    void aRecoveryCodeWorksOnceInAnyCase() {
        Enrolled enrolled = enrol();
        String code = enrolled.recovery().get(3);
        CodeCheck used = service.check("ops", " " + code.toUpperCase() + " ");
        assertThat(used).isEqualTo(new CodeCheck(true, true, 9));
        assertThat(service.check("ops", code).accepted()).as("used already").isFalse();
        assertThat(service.check("ops", code.replace("-", "")).accepted()).isFalse();
        assertThat(service.check("ops", enrolled.recovery().get(4).replace("-", "")).recoveryCodesLeft()).isEqualTo(8);
        assertThat(service.check("ops", "abcd-efgh-ijkl-mnop").accepted()).as("made up").isFalse();
    }

    @Test
    void turningItOffNeedsACurrentCodeOrThePassword() {
        Enrolled enrolled = enrol();
        assertThat(service.turnOff("ops", "wrong password")).isFalse();
        assertThat(service.turnOff("ops", codeAt(enrolled.secret(), clock.instant()))).as("the used enrolment code")
                .isFalse();
        assertThat(operator.hasSecondFactor()).isTrue();
        assertThat(service.turnOff("ops", PASSWORD)).isTrue();
        assertThat(operator.hasSecondFactor()).isFalse();
        assertThat(operator.recoveryCodesLeft()).isZero();

        Enrolled again = enrol();
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.turnOff("ops", codeAt(again.secret(), clock.instant()))).isTrue();
        assertThat(service.afterPassword("ops")).isEqualTo(SecondStep.NONE);
    }

    @Test
    void onlyAnOperatorResetsAnotherAccountsSecondFactor() {
        enrol();
        Actor admin = new Actor("adm", UUID.randomUUID(), Set.of(Role.ORG_ADMIN));
        assertThatThrownBy(() -> service.reset(admin, "ops")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.reset(operator.toActor(), "ops")).as("not one's own")
                .isInstanceOf(ForbiddenException.class);
        Actor otherOperator = new Actor("boss", null, Set.of(Role.OPERATOR));
        assertThat(service.reset(otherOperator, "OPS")).isTrue();
        assertThat(operator.hasSecondFactor()).isFalse();
        assertThat(service.reset(otherOperator, "ops")).isFalse();
        assertThatThrownBy(() -> service.reset(otherOperator, "nobody")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theInstallationMayRequireItOfOperatorsAndAdministrators() {
        UUID org = UUID.randomUUID();
        accounts.add(PortalAccount.member(new PortalUsername("adm"), null, org, Set.of(Role.ORG_ADMIN), "h", Instant.EPOCH));
        accounts.add(PortalAccount.member(new PortalUsername("ana"), null, org, Set.of(Role.EHR_ANALYST), "h", Instant.EPOCH));
        assertThat(service.afterPassword("ops")).isEqualTo(SecondStep.NONE);

        service = new SecondFactorService(accounts, sealer, "OPERATOR", clock);
        assertThat(service.afterPassword("ops")).isEqualTo(SecondStep.ENROL);
        assertThat(service.afterPassword("adm")).isEqualTo(SecondStep.NONE);

        service = new SecondFactorService(accounts, sealer, " operator, ORG_ADMIN ", clock);
        assertThat(service.afterPassword("adm")).isEqualTo(SecondStep.ENROL);
        assertThat(service.afterPassword("ana")).as("analysts have none").isEqualTo(SecondStep.NONE);
        assertThat(service.status("ana").available()).isFalse();
        assertThatThrownBy(() -> service.begin("ana")).isInstanceOf(ForbiddenException.class);

        SecondFactorService wrong = new SecondFactorService(accounts, sealer, "OPERATOR,EHR_ANALYST", clock);
        assertThatThrownBy(() -> wrong.afterPassword("ops")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("required-for");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static final class Accounts implements AccountRepository {
        private final List<PortalAccount> all = new ArrayList<>();

        @Override
        public void add(PortalAccount account) {
            all.add(account);
        }

        @Override
        public Optional<PortalAccount> findByUsername(PortalUsername username) {
            return all.stream().filter(a -> a.username().key().equals(username.key())).findFirst();
        }

        @Override
        public long count() {
            return all.size();
        }

        @Override
        public List<PortalAccount> findByOrganization(UUID organizationId, int first, int max) {
            return List.of();
        }

        @Override
        public long countByOrganization(UUID organizationId) {
            return 0;
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
