package org.openvisit.it.launch;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches as real EHRs send them (issue 13), over real HTTP through the EHR sandbox's launch behaviours: a clinician
 * and a patient launch for each behaviour, all of one appointment landing in one visit (by appointment in each
 * fhirContext form and by its encounter alone); a SMART v1-only EHR; the refusals (no context, a fhirUser of another
 * server, an ambiguous bare launch, an unknown launch URL, an iss that is not the launch URL's EHR) with status, page
 * and audit row; and two organizations sharing one FHIR base URL, each launching into its own organization.
 */
class RealEhrLaunchIT {

    private static final Pattern VISIT = Pattern.compile("/visit/([0-9a-f-]{36})(/lobby)?");
    private static final String ADA = "Practitioner/prac-ada-okafor";

    private static String sandbox(String path) {
        return SharedServer.sandboxUri().resolve(path).toString();
    }

    private static String sandboxFhirBase() {
        return sandbox("fhir");
    }

    /** "Begin virtual visit" on the sandbox, behaving as told, followed to the page OpenVisit answers. */
    private static HttpResponse<String> launch(LaunchBrowser browser, String user, String appointment, String behaviour,
                                               String launchUrl) {
        String url = sandbox("ehr/launch?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&appointment="
                + appointment + (behaviour == null ? "" : "&behaviour=" + behaviour)
                + (launchUrl == null ? "" : "&launchUrl=" + URLEncoder.encode(launchUrl, StandardCharsets.UTF_8)));
        return browser.follow(URI.create(url), null);
    }

    private static String visitOf(LaunchBrowser browser, HttpResponse<String> page, boolean lobby) {
        URI landed = browser.visited.get(browser.visited.size() - 1);
        assertThat(page.statusCode()).as(landed + ": " + page.body()).isEqualTo(200);
        Matcher m = VISIT.matcher(landed.getPath());
        assertThat(m.matches()).as(landed.toString()).isTrue();
        assertThat(m.group(2) != null).as("lobby: " + landed).isEqualTo(lobby);
        return m.group(1);
    }

    private static List<JsonObject> operatorAuditRows() {
        HttpResponse<String> rows = Http.getAsOperator(LaunchBrowser.at("/api/launch-audit?max=200"));
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        return ((jakarta.json.JsonArray) Http.parse(rows.body())).getValuesAs(JsonObject.class);
    }

    @Test
    void everyBehaviourLaunchesAClinicianAndAPatientIntoTheOneVisitOfTheAppointment() {
        LaunchBrowser first = new LaunchBrowser();
        String visit = visitOf(first, launch(first, ADA, "appt-1007", null, null), false);
        // the user each behaviour launches as clinician: none where the behaviour is about patient-portal users
        String[][] behaviours = {
                {"ABSOLUTE_FHIR_USER", "both"}, {"ENCOUNTER_ONLY", "both"}, {"FHIR_CONTEXT_TYPED", "both"},
                {"FHIR_CONTEXT_CANONICAL", "both"}, {"FHIR_CONTEXT_ABSOLUTE", "both"},
                {"RELATED_PERSON", "patient"}, {"NO_FHIR_USER", "patient"}};
        for (String[] behaviour : behaviours) {
            LaunchBrowser clinician = new LaunchBrowser();
            HttpResponse<String> page = launch(clinician, ADA, "appt-1007",
                    behaviour[1].equals("both") ? behaviour[0] : null, null);
            assertThat(visitOf(clinician, page, false)).as(behaviour[0]).isEqualTo(visit);
            // an absolute fhirUser is stored and shown as the relative one
            assertThat(page.body()).as(behaviour[0]).contains(ADA).doesNotContain(sandboxFhirBase() + "/Practitioner");

            LaunchBrowser patient = new LaunchBrowser();
            HttpResponse<String> lobby = launch(patient, PATIENT_1007, "appt-1007", behaviour[0], null);
            assertThat(visitOf(patient, lobby, true)).as(behaviour[0]).isEqualTo(visit);
            assertThat(lobby.body()).contains("Your virtual visit");
            assertThat(patient.visited).as("the patient portal's own launch URL")
                    .anySatisfy(u -> assertThat(u.getPath()).isEqualTo("/launch/e/demo/patient"));
        }
        List<JsonObject> rows = DemoOrganization.auditRows().stream()
                .filter(r -> visit.equals(r.getString("visitId", null))).toList();
        assertThat(rows).extracting(r -> r.getString("reasonCode")).contains("PROVIDER_LAUNCH", "PATIENT_LAUNCH");
        // every clinician is stored relative, however the EHR sent fhirUser
        assertThat(rows).filteredOn(r -> r.get("ehrUserId") instanceof jakarta.json.JsonString)
                .allSatisfy(r -> assertThat(r.getString("ehrUserId")).matches("Practitioner/[a-z-]+"))
                .anySatisfy(r -> assertThat(r.getString("ehrUserId")).isEqualTo(ADA));
        assertThat(rows.toString()).doesNotContain("pat-olivia-sato", "proxy-of", "portal-");
    }

    @Test
    void aV1OnlyEhrIsAskedInV1ScopesAndTheBareLaunchServesAUniqueIssuer() {
        String v1Base = sandbox("v1/fhir");
        ApprovedEndpoint older = ApprovedEndpoint.at(v1Base, "V1 Clinic");
        LaunchBrowser clinician = new LaunchBrowser();
        // the bare /launch: exactly one approved endpoint has this iss
        HttpResponse<String> page = launch(clinician, ADA, "appt-1005", "V1_ONLY_SCOPES", LaunchBrowser.at("/launch").toString());
        String visit = visitOf(clinician, page, false);
        URI authorize = clinician.visited.stream().filter(u -> u.getPath().endsWith("/oauth/authorize")).findFirst().orElseThrow();
        assertThat(authorize.getQuery()).contains("scope=launch openid fhirUser user/Appointment.read user/Encounter.read user/Location.read")
                .contains("aud=" + v1Base);
        LaunchBrowser patient = new LaunchBrowser();
        HttpResponse<String> lobby = launch(patient, "Patient/pat-pablo-reyes", "appt-1005", "V1_ONLY_SCOPES",
                older.patientLaunchUrl());
        assertThat(visitOf(patient, lobby, true)).isEqualTo(visit);
        URI patientAuthorize = patient.visited.stream().filter(u -> u.getPath().endsWith("/oauth/authorize")).findFirst()
                .orElseThrow();
        assertThat(patientAuthorize.getQuery()).contains("patient/Appointment.read patient/Encounter.read patient/Location.read");
        assertThat(older.auditRows()).filteredOn(r -> visit.equals(r.getString("visitId", null)))
                .extracting(r -> r.getString("reasonCode")).contains("PROVIDER_LAUNCH", "PATIENT_LAUNCH");
    }

    @Test
    void aLaunchWithNeitherAppointmentNorEncounterIsRefusedSayingWhatTheEhrMustSend() {
        for (String user : List.of(ADA, PATIENT_1007)) {
            LaunchBrowser browser = new LaunchBrowser();
            HttpResponse<String> page = launch(browser, user, "appt-1005", "NO_CONTEXT", null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
            assertThat(page.body()).contains("NO_LAUNCH_CONTEXT", "appointment", "encounter");
        }
        assertThat(DemoOrganization.auditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("NO_LAUNCH_CONTEXT");
            assertThat(row.getString("outcome")).isEqualTo("REFUSED");
            assertThat(row.getString("ehrUserId", null)).isEqualTo(ADA);
        });
    }

    @Test
    void aFhirUserOfAnotherServerIsRefused() {
        LaunchBrowser browser = new LaunchBrowser();
        HttpResponse<String> page = launch(browser, ADA, "appt-1005", "FOREIGN_FHIR_USER", null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).contains("FOREIGN_FHIR_USER", "another FHIR server");
        assertThat(DemoOrganization.auditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("FOREIGN_FHIR_USER");
            assertThat(row.getString("outcome")).isEqualTo("REFUSED");
        });
        assertThat(DemoOrganization.auditRows().toString()).doesNotContain("other-ehr.example.org");
    }

    @Test
    void anUnknownLaunchUrlOrAnIssOfAnotherEhrIsRefused() {
        String iss = URLEncoder.encode(sandboxFhirBase(), StandardCharsets.UTF_8);
        HttpResponse<String> unknown = new LaunchBrowser().get(LaunchBrowser.at("/launch/e/" + UUID.randomUUID()
                + "?iss=" + iss + "&launch=x"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("UNKNOWN_LAUNCH_URL");
        // the page speaks the browser's language, the detail for the EHR team stays English
        for (String[] language : new String[][]{{"zh-TW,zh;q=0.8", "zh-Hant-TW", "未知的啟動位址"},
                {"zh-CN", "zh-Hans-CN", "未知的启动地址"}, {"ru-RU,ru;q=0.9,en;q=0.5", "ru", "Неизвестный адрес запуска"},
                {"de-DE, en;q=0.7", "en", "Unknown launch address"}}) {
            HttpResponse<String> page = Http.send(java.net.http.HttpRequest.newBuilder(LaunchBrowser.at("/launch/e/"
                    + UUID.randomUUID() + "?iss=" + iss + "&launch=x")).header("Accept-Language", language[0]));
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).as(language[0]).contains("lang=\"" + language[1] + "\"", language[2],
                    "data-reason=\"UNKNOWN_LAUNCH_URL\"", "integration records").doesNotContain("Exception");
        }
        String other = "https://ehr-" + UUID.randomUUID() + ".example.org/fhir";
        HttpResponse<String> mismatch = new LaunchBrowser().get(LaunchBrowser.at("/launch/e/demo?iss="
                + URLEncoder.encode(other, StandardCharsets.UTF_8) + "&launch=x"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("ISSUER_MISMATCH");
        assertThat(operatorAuditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("UNKNOWN_LAUNCH_URL");
            assertThat(row.getString("outcome")).isEqualTo("REFUSED");
        });
        assertThat(operatorAuditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("ISSUER_MISMATCH");
            assertThat(row.getString("issuer")).isEqualTo(other);
        });
    }

    @Test
    void twoOrganizationsSharingOneEhrEachLaunchIntoTheirOwnAndTheBareLaunchIsNotGuessed() {
        ApprovedEndpoint affiliate = ApprovedEndpoint.at(sandboxFhirBase(), "Affiliate Clinic");
        assertThat(affiliate.providerLaunchUrl()).startsWith(SharedServer.baseUri() + "launch/e/")
                .doesNotEndWith("/demo");
        assertThat(affiliate.patientLaunchUrl()).isEqualTo(affiliate.providerLaunchUrl() + "/patient");

        LaunchBrowser theirs = new LaunchBrowser();
        String affiliateVisit = visitOf(theirs, launch(theirs, ADA, "appt-1008", null, affiliate.providerLaunchUrl()), false);
        LaunchBrowser theirPatient = new LaunchBrowser();
        assertThat(visitOf(theirPatient, launch(theirPatient, "Patient/pat-leo-marsh", "appt-1008", null,
                affiliate.patientLaunchUrl()), true)).isEqualTo(affiliateVisit);
        LaunchBrowser ours = new LaunchBrowser();
        String demoVisit = visitOf(ours, launch(ours, ADA, "appt-1008", null, null), false);
        assertThat(demoVisit).isNotEqualTo(affiliateVisit);

        assertThat(affiliate.auditRows()).extracting(r -> r.getString("visitId", null))
                .contains(affiliateVisit).doesNotContain(demoVisit);
        assertThat(DemoOrganization.auditRows()).extracting(r -> r.getString("visitId", null))
                .contains(demoVisit).doesNotContain(affiliateVisit);
        // the affiliate's clinician cannot open the demo organization's visit page, and the other way round
        assertThat(theirs.get(LaunchBrowser.at("/visit/" + demoVisit)).statusCode()).isEqualTo(403);
        assertThat(ours.get(LaunchBrowser.at("/visit/" + affiliateVisit)).statusCode()).isEqualTo(403);

        // the bare /launch of the shared FHIR base URL is refused, never routed by guess
        LaunchBrowser bare = new LaunchBrowser();
        HttpResponse<String> refused = launch(bare, ADA, "appt-1008", null, LaunchBrowser.at("/launch").toString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("AMBIGUOUS_ISSUER", "launch URL");
        assertThat(bare.visited).noneSatisfy(u -> assertThat(u.getPath()).endsWith("/oauth/authorize"));
        assertThat(operatorAuditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("AMBIGUOUS_ISSUER");
            assertThat(row.getString("issuer")).isEqualTo(sandboxFhirBase());
            assertThat(row.get("organizationId")).isIn(null, jakarta.json.JsonValue.NULL);
        });
    }

    private static final String PATIENT_1007 = "Patient/pat-olivia-sato";
}
