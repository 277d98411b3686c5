package org.openvisit.report.application;

import org.junit.jupiter.api.Test;
import org.openvisit.report.domain.model.ReportFilter;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportAccessAndRangeTest {

    private static final UUID OWN = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    private final ReportService service = new ReportService();

    private static ReportQuery of(UUID organization) {
        return new ReportQuery(organization, DAY, DAY, ZoneId.of("Asia/Shanghai"), null, null, null, null, null);
    }

    @Test
    void readersAndAdministratorsSeeTheirOwnOrganizationOnly() {
        Actor reader = Actor.member("reader", OWN, Role.REPORT_READER);
        Actor admin = Actor.member("admin", OWN, Role.ORG_ADMIN);
        assertThat(service.organization(reader, of(null))).isEqualTo(OWN);
        assertThat(service.organization(admin, of(OWN))).isEqualTo(OWN);
        assertThatThrownBy(() -> service.organization(reader, of(OTHER))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.organization(Actor.member("analyst", OWN, Role.EHR_ANALYST), of(null)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aVisitsTimelineFollowsTheSameRulesBeforeAnyStoreIsRead() {
        UUID visit = UUID.randomUUID();
        assertThatThrownBy(() -> service.timeline(Actor.member("reader", OWN, Role.REPORT_READER), OTHER, visit))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.timeline(Actor.member("analyst", OWN, Role.EHR_ANALYST), null, visit))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.timeline(Actor.operator("op"), null, visit))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void operatorsNameOneOrganizationAtATime() {
        Actor operator = Actor.operator("op");
        assertThat(service.organization(operator, of(OTHER))).isEqualTo(OTHER);
        assertThatThrownBy(() -> service.organization(operator, of(null))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theRangeIsWholeDaysInTheViewersTimeZone() {
        ReportFilter f = of(OWN).filter(OWN);
        assertThat(f.from()).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
        assertThat(f.to()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z"));
        ReportQuery week = ReportQuery.lastDays(null, 7, DAY, ZoneId.of("UTC"));
        assertThat(week.from()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThatThrownBy(() -> new ReportQuery(null, DAY, DAY.minusDays(1), null, null, null, null, null, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ReportQuery(null, DAY.minusDays(500), DAY, null, null, null, null, null, null))
                .isInstanceOf(InvalidValueException.class);
    }
}
