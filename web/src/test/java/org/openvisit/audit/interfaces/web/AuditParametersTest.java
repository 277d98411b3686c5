package org.openvisit.audit.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.audit.application.AuditQuery;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditParametersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.parse("2027-01-10");
    private static final UUID ORG = UUID.randomUUID();

    @Test
    void daysAreWholeDaysInTheViewersTimeZoneBothIncluded() {
        AuditQuery q = new AuditParameters(null, "2027-01-01", "2027-01-02", "LAUNCH", " Practitioner/1 ", "SUCCESS")
                .query(ORG, SHANGHAI, TODAY);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2027-01-02T16:00:00Z"));
        assertThat(q.kinds()).containsExactly(AuditKind.LAUNCH);
        assertThat(q.actor()).isEqualTo("Practitioner/1");
        assertThat(q.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(q.organizationId()).isEqualTo(ORG);
    }

    @Test
    void withoutDaysTheLastThirtyDaysUpToToday() {
        AuditQuery q = new AuditParameters(null, null, null, "", "", null).query(ORG, ZoneId.of("UTC"), TODAY);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-12-12T00:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2027-01-11T00:00:00Z"));
        assertThat(q.kinds()).isEmpty();
        assertThat(q.actor()).isNull();
        assertThat(q.outcome()).isNull();
    }

    @Test
    void badValuesAreRefusedByName() {
        for (Map.Entry<String, AuditParameters> bad : Map.of(
                "from", new AuditParameters(null, "yesterday", null, null, null, null),
                "to", new AuditParameters(null, "2027-01-05", "2027-01-01", null, null, null),
                "kind", new AuditParameters(null, null, null, "DROP TABLE", null, null),
                "outcome", new AuditParameters(null, null, null, null, null, "8"),
                "user", new AuditParameters(null, null, null, null, "u".repeat(300), null),
                "period", new AuditParameters(null, "1990-01-01", null, null, null, null)).entrySet()) {
            assertThatThrownBy(() -> bad.getValue().query(ORG, SHANGHAI, TODAY)).as(bad.getKey())
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(bad.getKey()));
        }
    }

    @Test
    void aMemberReadsTheirOwnOrganizationWhateverTheyNameAnOperatorChooses() {
        Actor admin = Actor.member("ada", ORG, Role.ORG_ADMIN);
        assertThat(new AuditParameters(UUID.randomUUID().toString(), null, null, null, null, null).organization(admin))
                .isEqualTo(ORG);
        assertThat(new AuditParameters(AuditParameters.INSTALLATION, null, null, null, null, null).organization(admin))
                .isEqualTo(ORG);
        Actor operator = Actor.operator("root");
        UUID other = UUID.randomUUID();
        assertThat(new AuditParameters(other.toString(), null, null, null, null, null).organization(operator))
                .isEqualTo(other);
        assertThat(new AuditParameters(AuditParameters.INSTALLATION, null, null, null, null, null)
                .organization(operator)).isNull();
        assertThat(new AuditParameters(null, null, null, null, null, null).organization(operator)).isNull();
        assertThatThrownBy(() -> new AuditParameters("not-an-id", null, null, null, null, null).organization(operator))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theQueryStringCarriesTheChoicesEncodedAndLeavesOutBlanks() {
        String q = new AuditParameters(null, "2027-01-01", "2027-01-02", "SIGN_IN", "a&b=c", "").queryString();
        assertThat(q).isEqualTo("from=2027-01-01&to=2027-01-02&kind=SIGN_IN&user=a%26b%3Dc");
        assertThat(AuditParameters.from(Map.of("kind", "EXPORT", "org", "installation")::get).installation()).isTrue();
        assertThat(Set.of(AuditCsv.safe("=HYPERLINK(\"x\")"), AuditCsv.safe("+1"), AuditCsv.safe("@a"),
                AuditCsv.safe("-2"))).allSatisfy(s -> assertThat(s).startsWith("'"));
        assertThat(AuditCsv.safe("ada.admin")).isEqualTo("ada.admin");
        assertThat(AuditCsv.safe(null)).isEmpty();
    }
}
