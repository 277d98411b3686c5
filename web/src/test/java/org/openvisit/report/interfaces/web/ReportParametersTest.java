package org.openvisit.report.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportParametersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final UUID ORG = UUID.randomUUID();

    private static ReportParameters of(Map<String, String> params) {
        return ReportParameters.from(params::get);
    }

    @Test
    void presetRangesEndToday() {
        ReportQuery week = of(Map.of("range", "7")).query(ORG, ZONE, TODAY);
        assertThat(week.from()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(week.to()).isEqualTo(TODAY);
        assertThat(of(Map.of()).query(ORG, ZONE, TODAY).from()).as("30 days by default")
                .isEqualTo(LocalDate.of(2026, 11, 5));
        assertThat(of(Map.of("range", "90")).query(ORG, ZONE, TODAY).from()).isEqualTo(LocalDate.of(2026, 9, 6));
    }

    @Test
    void aCustomRangeAndFiltersAreTakenAndTravelInTheAddress() {
        UUID endpoint = UUID.randomUUID();
        ReportParameters p = of(Map.of("range", "custom", "from", "2026-11-01", "to", "2026-11-30",
                "endpoint", endpoint.toString(), "clinician", "Practitioner/a b", "status", "NO_SHOW"));
        ReportQuery q = p.query(ORG, ZONE, TODAY);
        assertThat(q.from()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(q.endpointId()).isEqualTo(endpoint);
        assertThat(q.status()).isEqualTo(ReportStatus.NO_SHOW);
        assertThat(q.zone()).isEqualTo(ZONE);
        assertThat(p.queryString()).contains("range=custom", "from=2026-11-01", "to=2026-11-30",
                "clinician=Practitioner%2Fa+b", "status=NO_SHOW").doesNotContain("department");
    }

    @Test
    void platformEnvironmentQualityAndCancelledAreFiltersToo() {
        ReportParameters p = of(Map.of("platform", "microsoft-teams", "environment", "TEST", "quality", "POOR",
                "status", "CANCELLED"));
        ReportQuery q = p.query(ORG, ZONE, TODAY);
        assertThat(q.meetingPlatform()).isEqualTo("microsoft-teams");
        assertThat(q.environment()).isEqualTo(org.openvisit.tenant.domain.model.FhirEnvironment.TEST);
        assertThat(q.quality()).isEqualTo(org.openvisit.report.domain.model.QualityVerdict.POOR);
        assertThat(q.status()).isEqualTo(ReportStatus.CANCELLED);
        assertThat(p.queryString()).contains("platform=microsoft-teams", "environment=TEST", "quality=POOR",
                "status=CANCELLED");
    }

    @Test
    void badValuesAreRefusedAsInvalid() {
        assertThatThrownBy(() -> of(Map.of("range", "custom", "from", "2026-13-01", "to", "2026-11-30"))
                .query(ORG, ZONE, TODAY)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> of(Map.of("range", "custom")).query(ORG, ZONE, TODAY))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> of(Map.of("status", "CANCELED")).query(ORG, ZONE, TODAY))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> of(Map.of("environment", "STAGING")).query(ORG, ZONE, TODAY))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> of(Map.of("quality", "BAD")).query(ORG, ZONE, TODAY))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> of(Map.of("platform", "Teams <x>")).query(ORG, ZONE, TODAY))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> of(Map.of("endpoint", "nope")).query(ORG, ZONE, TODAY))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void durationsAreWordsInTheViewersLanguage() {
        ReportText.Texts en = ReportText.of(Locale.ENGLISH);
        assertThat(en.duration(null)).isEmpty();
        assertThat(en.duration(42)).isEqualTo("42 s");
        assertThat(en.duration(725.4)).isEqualTo("12 min 5 s");
        assertThat(en.duration(3 * 3600 + 120)).isEqualTo("3 h 2 min");
        assertThat(ReportText.of(Locale.SIMPLIFIED_CHINESE).duration(725)).isEqualTo("12 分 5 秒");
        assertThat(en.status(ReportStatus.ENDED_WITHOUT_PATIENT)).isEqualTo("Ended without patient");
    }
}
