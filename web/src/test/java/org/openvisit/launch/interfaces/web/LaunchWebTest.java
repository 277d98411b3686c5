package org.openvisit.launch.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.SmartConfiguration;
import org.openvisit.ehr.SmartAuthorization;
import org.openvisit.launch.application.LaunchAudience;
import org.openvisit.launch.application.LaunchRefusal;
import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.shared.interfaces.web.BrowserLanguage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The launch's web side: the browser's launch state, the refusal statuses, the page's language and its words. */
class LaunchWebTest {

    private static PendingLaunch pending(String state) {
        SmartConfiguration ehr = new SmartConfiguration("https://ehr.example.org/fhir", null,
                URI.create("https://ehr.example.org/authorize"), URI.create("https://ehr.example.org/token"),
                URI.create("https://ehr.example.org/jwks"), List.of("S256"), List.of("permission-v2"));
        SmartAuthorization authorization = SmartAuthorization.start(ehr, "openvisit",
                "https://ov.example.org/launch/callback", "launch openid fhirUser", "launch-" + state);
        return new PendingLaunch(UUID.randomUUID(), UUID.randomUUID(), "https://ehr.example.org/fhir",
                LaunchAudience.PATIENT, authorization);
    }

    @Test
    void aPendingLaunchWorksOnceAndAReplayIsToldApartFromAForgery() {
        BrowserLaunchState state = new BrowserLaunchState();
        PendingLaunch launch = pending("s1");
        state.addPending(launch);
        assertThat(state.takePending(launch.state())).isPresent();
        assertThat(state.takePending(launch.state())).isEmpty();
        assertThat(state.wasUsed(launch.state())).isTrue();
        assertThat(state.wasUsed("forged")).isFalse();
    }

    @Test
    void theStateStaysSmallAndSurvivesSerialization() throws IOException, ClassNotFoundException {
        BrowserLaunchState state = new BrowserLaunchState();
        List<PendingLaunch> launches = new java.util.ArrayList<>();
        for (int i = 0; i < BrowserLaunchState.MAX_PENDING + 5; i++) {
            launches.add(pending("s" + i));
            state.addPending(launches.get(i));
        }
        assertThat(state.takePending(launches.get(0).state())).as("the oldest went first").isEmpty();
        UUID visit = UUID.randomUUID();
        state.launched(visit, true, null);
        state.launched(visit, false, "Practitioner/prac-1"); // the patient stays the patient in this browser
        UUID clinicianVisit = UUID.randomUUID();
        state.launched(clinicianVisit, false, "Practitioner/prac-1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        BrowserLaunchState copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (BrowserLaunchState) in.readObject();
        }
        assertThat(copy.hasLaunched(visit)).isTrue();
        assertThat(copy.launchedAsPatient(visit)).isTrue();
        assertThat(copy.launchedBy(visit)).as("a patient's launch names no clinician").isEmpty();
        assertThat(copy.launchedBy(clinicianVisit)).contains("Practitioner/prac-1");
        assertThat(copy.takePending(launches.get(launches.size() - 1).state())).isPresent();
        assertThat(bytes.size()).as("bytes in the session").isLessThan(64 * 1024);
    }

    @Test
    void eachRefusalHasItsStatus() {
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.UNKNOWN_LAUNCH_URL)).isEqualTo(404);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.AMBIGUOUS_ISSUER)).isEqualTo(400);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.ISSUER_MISMATCH)).isEqualTo(400);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.NO_LAUNCH_CONTEXT)).isEqualTo(400);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.FOREIGN_FHIR_USER)).isEqualTo(403);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.ID_TOKEN_EXPIRED)).isEqualTo(401);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.TOKEN_ENDPOINT_ERROR)).isEqualTo(502);
        assertThat(LaunchRefusalStatus.of(LaunchRefusal.VISIT_NOT_OPENED)).isEqualTo(409);
    }

    @Test
    void thePageSaysItsLanguage() {
        assertThat(LaunchLanguage.tag(BrowserLanguage.TRADITIONAL_CHINESE)).isEqualTo("zh-Hant-TW");
        assertThat(LaunchLanguage.tag(BrowserLanguage.SIMPLIFIED_CHINESE)).isEqualTo("zh-Hans-CN");
        assertThat(LaunchLanguage.tag(BrowserLanguage.RUSSIAN)).isEqualTo("ru");
        assertThat(LaunchLanguage.tag(Locale.ENGLISH)).isEqualTo("en");
    }

    @Test
    void everyRefusalHasItsWordsInFourLanguages() {
        Set<String> english = LaunchLanguage.bundle(Locale.ENGLISH).keySet();
        for (Locale locale : BrowserLanguage.all()) {
            ResourceBundle bundle = LaunchLanguage.bundle(locale);
            assertThat(bundle.keySet()).as(locale.toString()).containsExactlyInAnyOrderElementsOf(english);
            for (LaunchRefusal reason : LaunchRefusal.values()) {
                assertThat(LaunchLanguage.text(bundle, "refusal." + reason + ".title")).as(locale + " " + reason).isNotBlank();
                assertThat(LaunchLanguage.text(bundle, "refusal." + reason + ".message")).as(locale + " " + reason)
                        .isNotBlank().doesNotContain(reason.name());
            }
        }
        assertThat(LaunchLanguage.text(LaunchLanguage.bundle(BrowserLanguage.RUSSIAN), "refusal.NO_LAUNCH_CONTEXT.title"))
                .contains("обращения");
        assertThat(LaunchLanguage.text(LaunchLanguage.bundle(BrowserLanguage.TRADITIONAL_CHINESE), "refusal.AMBIGUOUS_ISSUER.title"))
                .contains("機構");
    }
}
