package org.openvisit.sandbox.screen;

import org.junit.jupiter.api.Test;
import org.openvisit.sandbox.MutableClock;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.LaunchStyle;
import org.openvisit.sandbox.contextlink.ContextLinkCipher;
import org.openvisit.sandbox.contextlink.ContextLinkClaims;
import org.openvisit.sandbox.oauth.LaunchContext;
import org.openvisit.sandbox.oauth.LaunchContexts;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.SampleRecords;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EhrLauncherTest {

    private static final String FHIR_BASE = "http://ehr.test:8181/ehr-sandbox/fhir";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final FhirRecords records = new FhirRecords(clock);
    private final AppRegistry apps = new AppRegistry();
    private final LaunchContexts launches = new LaunchContexts(clock);

    EhrLauncherTest() {
        SampleRecords.seed(records, LocalDate.of(2026, 11, 23), ZoneOffset.UTC);
    }

    private EhrLauncher launcher(Optional<String> configuredOrigin) {
        return new EhrLauncher(records, apps, new AppOrigin(configuredOrigin), launches, clock);
    }

    @Test
    void smartLaunchGoesToTheLaunchUrlWithIssAndAnOpaqueLaunch() {
        String url = launcher(Optional.empty()).launchUrl("openvisit", "appt-1002", "Practitioner/prac-ada-okafor",
                FHIR_BASE, "http://ehr.test:8181");

        assertThat(url).startsWith("http://ehr.test:8181/launch/e/demo?iss=" + URLDecoder.decode(FHIR_BASE, StandardCharsets.UTF_8)
                .replace(":", "%3A").replace("/", "%2F") + "&launch=");
        String launch = url.substring(url.indexOf("launch=") + 7);
        assertThat(launches.find(launch, "openvisit")).contains(new LaunchContext("Practitioner/prac-ada-okafor",
                "pat-mia-fontaine", "enc-1002", "appt-1002", "loc-riverside-virtual", false));
        assertThat(launches.find(launch, "another-app")).isEmpty();
    }

    @Test
    void theConfiguredOriginWinsOverTheRequestOrigin() {
        String url = launcher(Optional.of("https://openvisit.example/")).launchUrl("openvisit", "appt-1002",
                "Practitioner/prac-ada-okafor", FHIR_BASE, "http://ehr.test:8181");

        assertThat(url).startsWith("https://openvisit.example/launch/e/demo?iss=");
    }

    @Test
    void contextLinkCarriesThePatientRoleAndDepartment() {
        apps.save(apps.find("openvisit").orElseThrow().withLaunchStyle(LaunchStyle.CONTEXT_LINK));

        String url = launcher(Optional.empty()).launchUrl("openvisit", "appt-1004", "Patient/pat-olivia-sato",
                FHIR_BASE, "http://ehr.test:8181");

        assertThat(url).startsWith("http://ehr.test:8181/launch/context?token=");
        byte[] key = Base64.getDecoder().decode(apps.find("openvisit").orElseThrow().contextKey());
        ContextLinkClaims claims = ContextLinkCipher.decrypt(url.substring(url.indexOf("token=") + 6), kid -> key);
        assertThat(claims.role()).isEqualTo("patient");
        assertThat(claims.user()).isEqualTo("Patient/pat-olivia-sato");
        assertThat(claims.sessionId()).isEqualTo("1004");
        assertThat(claims.appointment()).isEqualTo("appt-1004");
        assertThat(claims.department()).isEqualTo("loc-northgate-virtual");
        assertThat(claims.iss()).isEqualTo(FHIR_BASE);
        assertThat(claims.expiresAt()).isEqualTo(clock.instant().plus(EhrLauncher.CONTEXT_LINK_VALIDITY));
    }

    @Test
    void refusesUnknownAppsAppointmentsAndUsers() {
        EhrLauncher launcher = launcher(Optional.empty());

        assertThatThrownBy(() -> launcher.launchUrl("nope", "appt-1001", "Practitioner/prac-ada-okafor", FHIR_BASE, "http://x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> launcher.launchUrl("openvisit", "appt-0", "Practitioner/prac-ada-okafor", FHIR_BASE, "http://x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> launcher.launchUrl("openvisit", "appt-1001", "Practitioner/nobody", FHIR_BASE, "http://x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
