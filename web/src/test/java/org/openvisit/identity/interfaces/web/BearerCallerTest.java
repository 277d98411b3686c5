package org.openvisit.identity.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.application.ReportService;
import org.openvisit.report.application.ReportTokenClaims;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerCallerTest {

    private static final UUID ORG = UUID.randomUUID();
    private final ReportService reports = new ReportService();

    private static Actor actor(String... groups) {
        return BearerCaller.actorOf(new ReportTokenClaims("iss", "report-token:1", "1", ORG, Set.of(groups),
                Instant.now().plusSeconds(60)));
    }

    private static ReportQuery query(UUID organization) {
        return ReportQuery.lastDays(organization, 7, LocalDate.of(2026, 12, 4), ZoneId.of("UTC"));
    }

    @Test
    void aReaderTokenReadsItsOwnOrganizationOnly() {
        Actor reader = actor("REPORT_READER");
        assertThat(reader.roles()).containsExactly(Role.REPORT_READER);
        assertThat(reports.organization(reader, query(null))).isEqualTo(ORG);
        assertThat(reports.organization(reader, query(ORG))).isEqualTo(ORG);
        assertThatThrownBy(() -> reports.organization(reader, query(UUID.randomUUID())))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aTokenNeverMakesAnAdministratorOrOperatorAndAWrongGroupIsForbidden() {
        Actor other = actor("EHR_ANALYST", "ORG_ADMIN", "OPERATOR");
        assertThat(other.roles()).isEmpty();
        assertThatThrownBy(() -> reports.organization(other, query(null))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reports.organization(actor(), query(null))).isInstanceOf(ForbiddenException.class);
    }
}
