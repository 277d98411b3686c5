package org.openvisit.it.launch;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openvisit.it.support.Axe;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Teams settings screen and a clinician's one-time Microsoft sign-in in a browser, on the shared server against
 * the sandbox's Entra and Graph stand-in. Apart from {@link TeamsLaunchIT} (which holds the whole sandbox in a fault
 * for a while and so runs alone): this class changes only its own app registrations at the stand-in and its own
 * clinician and appointment in the EHR sandbox, so it runs beside any other.
 */
class TeamsScreenIT {

    /** Withholds application permissions of one app at the stand-in (only that app's tokens and calls change). */
    private static void withholdAtStub(String tenant, String client, String... permissions) {
        var withheld = Json.createArrayBuilder();
        for (String p : permissions) {
            withheld.add(p);
        }
        HttpResponse<String> set = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri().resolve(
                        "graph-admin/roles?tenantId=" + tenant + "&clientId=" + client))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        Json.createObjectBuilder().add("withheld", withheld).build().toString())));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    /**
     * The Teams screen in a browser: an organization's administrator fills in the settings (client secret), presses
     * Test connection and sees every permission granted; with OnlineMeetingArtifact.Read.All withheld at the
     * stand-in, the next Test connection still connects but names that permission missing with what the tenant's
     * administrator must do; the page passes axe's WCAG 2.1 AA rules; in Russian the same list is in Russian words.
     */
    @Test
    void theTeamsScreenSaysPermissionByPermissionWhatIsMissing() {
        String organization = TenantApi.organization(TenantApi.unique("Teams Screen Clinic"));
        TenantApi.User admin = TenantApi.user(TenantApi.OPERATOR, organization, "teams.admin", "ORG_ADMIN");
        String tenant = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        String organizer = UUID.randomUUID().toString();
        String secret = "screen-secret~" + UUID.randomUUID();
        HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/apps")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("tenantId", tenant)
                        .add("clientId", client).add("secret", secret).add("organizer", organizer).build().toString())));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        try (Browser browser = Browser.open("--accept-lang=en", "--lang=en")) {
            browser.signIn(SharedServer.baseUri(), admin.username(), admin.password());
            TeamsScreenPage page = new TeamsScreenPage(browser, organization);
            assertThat(page.saveWithSecret(tenant, client, organizer, secret)).contains("saved");

            assertThat(page.testConnection()).contains("Connected").doesNotContain("missing");
            assertThat(page.permissions()).containsOnlyKeys("OnlineMeetings.ReadWrite.All",
                    "OnlineMeetingArtifact.Read.All", "CallRecords.Read.All");
            assertThat(page.permissions().values()).allSatisfy(li -> assertThat(li.getText()).contains("granted"));

            withholdAtStub(tenant, client, "OnlineMeetingArtifact.Read.All");
            assertThat(page.testConnection()).contains("permissions OpenVisit uses are missing");
            var lines = page.permissions();
            assertThat(lines.get("OnlineMeetingArtifact.Read.All").getText())
                    .startsWith("OnlineMeetingArtifact.Read.All: missing.")
                    .contains("attendance reports", "Microsoft Entra", "Grant admin consent");
            assertThat(lines.get("OnlineMeetingArtifact.Read.All").getAttribute("class"))
                    .contains("ov-permission-missing");
            assertThat(lines.get("OnlineMeetings.ReadWrite.All").getText()).contains("granted");
            assertThat(lines.get("CallRecords.Read.All").getText()).contains("granted");
            browser.screenshot("teams-permissions-missing");
            assertThat(Axe.seriousViolations((JavascriptExecutor) browser.driver())).isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        }

        try (Browser browser = Browser.open("--accept-lang=ru", "--lang=ru")) {
            browser.signIn(SharedServer.baseUri(), admin.username(), admin.password());
            TeamsScreenPage page = new TeamsScreenPage(browser, organization);
            assertThat(page.testConnection()).contains("Подключение работает").doesNotContain("teams.");
            var lines = page.permissions();
            assertThat(lines.get("OnlineMeetingArtifact.Read.All").getText())
                    .contains("отсутствует", "Предоставить согласие администратора").doesNotContain("teams.permission");
            assertThat(lines.get("OnlineMeetings.ReadWrite.All").getText()).contains("предоставлено");
            assertThat(browser.driver().findElement(By.id("teams:permissions")).getText())
                    .doesNotContain("granted", "missing", "teams.", "ATTENDANCE");
            browser.screenshot("teams-permissions-missing-ru");
            assertThat(Axe.seriousViolations((JavascriptExecutor) browser.driver())).isEmpty();
        }
    }

    /**
     * A clinician's one-time Microsoft sign-in in Chromium, as a person does it: the organization (on Teams, clinicians
     * sign in with Microsoft once and organize their meetings) set up through the API, the clinician presses "Begin
     * virtual visit" on the sandbox's EHR screen (opening the organization's own launch URL), lands on the stand-in's
     * Microsoft sign-in page, types their object id into the labelled field, presses Sign in and ends in the meeting;
     * only the pair of ids is linked. A second launch in the same browser, and one in a fresh browser profile (the link
     * is the server's, per EHR user), goes straight to the same meeting: the sign-in page, which waits for a person,
     * is never shown. A clinician, appointment, tenant and app of this test's own, so nothing meets another class.
     */
    @Test
    void aCliniciansFirstTeamsLaunchSignsInWithMicrosoftOnceAndLaterOnesGoStraightToTheMeeting() {
        ApprovedEndpoint clinic = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(),
                "Teams Sign-in Clinic");
        OwnAppointment visit = OwnAppointment.create("signin");
        String tenant = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        String organizer = UUID.randomUUID().toString();
        String clinicianOid = UUID.randomUUID().toString();
        String secret = "sign-in-secret~" + UUID.randomUUID();
        HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/apps")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("tenantId", tenant)
                        .add("clientId", client).add("secret", secret).add("organizer", organizer)
                        .add("users", Json.createArrayBuilder().add(clinicianOid)).build().toString())));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String teams = "/api/organizations/" + clinic.organizationId() + "/teams";
        HttpResponse<String> saved = TenantApi.put(TenantApi.OPERATOR, teams, null, Json.createObjectBuilder()
                .add("tenantId", tenant).add("clientId", client).add("organizer", organizer)
                .add("clientSecret", secret).add("clinicianSignIn", "ORGANIZER").build().toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        HttpResponse<String> onTeams = TenantApi.put(TenantApi.OPERATOR, teams + "/platform", null,
                "{\"meetingPlatform\":\"microsoft-teams\"}");
        assertThat(onTeams.statusCode()).as(onTeams.body()).isEqualTo(200);

        String meeting;
        try (Browser browser = Browser.open("--accept-lang=en", "--lang=en")) {
            WebDriver driver = browser.driver();
            assertThat(beginVirtualVisit(browser, visit, clinic.providerLaunchUrl()))
                    .as("the first launch asks for the Microsoft sign-in").contains("/ehr-sandbox/entra/");
            URI authorize = URI.create(driver.getCurrentUrl());
            assertThat(authorize.getPath()).isEqualTo("/ehr-sandbox/entra/" + tenant + "/oauth2/v2.0/authorize");
            assertThat(authorize.getRawQuery()).contains("client_id=" + client, "code_challenge_method=S256");
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Sign in");
            browser.screenshot("teams-sign-in-1-microsoft");
            assertThat(Axe.seriousViolations((JavascriptExecutor) driver)).isEmpty();
            WebElement label = driver.findElement(By.xpath("//label[normalize-space()="
                    + "'Object ID of the Microsoft account']"));
            driver.findElement(By.id(label.getAttribute("for"))).sendKeys(clinicianOid);
            WebElement signIn = driver.findElement(By.xpath("//button[normalize-space()='Sign in']"));
            signIn.click();
            // left the sign-in page: by its address, not by the button going stale — asked while Chromium tore the page
            // down, the button was neither there nor stale ("Node with given id does not belong to the document", a CI
            // run's failure)
            browser.waitUpTo(Duration.ofSeconds(30)).ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(d -> !d.getCurrentUrl().contains("/oauth2/v2.0/authorize"));
            meeting = whereItStops(browser);
            browser.screenshot("teams-sign-in-2-meeting");
            assertThat(URI.create(meeting).getPath()).as(driver.findElement(By.tagName("body")).getText())
                    .startsWith("/ehr-sandbox/teams/l/meetup-join/");
            assertThat(driver.findElement(By.id("teamsMeeting")).getText()).contains("Teams meeting");

            assertThat(beginVirtualVisit(browser, visit, clinic.providerLaunchUrl()))
                    .as("the same browser, no sign-in").isEqualTo(meeting);
        }
        HttpResponse<String> links = TenantApi.get(TenantApi.OPERATOR, teams + "/links");
        assertThat(links.statusCode()).as(links.body()).isEqualTo(200);
        assertThat(Http.json(links).getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class))
                .extracting(l -> l.getString("ehrUserId") + " " + l.getString("entraObjectId"))
                .containsExactly(visit.practitioner() + " " + clinicianOid);

        try (Browser fresh = Browser.open("--accept-lang=en", "--lang=en")) {
            assertThat(beginVirtualVisit(fresh, visit, clinic.providerLaunchUrl()))
                    .as("a fresh browser profile, no sign-in either").isEqualTo(meeting);
        }
        assertThat(stubMeetingsOf(organizer)).as("one meeting for the visit, all three launches in it").isEqualTo(1);
    }

    /**
     * On the sandbox's EHR screen opened with the organization's launch URL: the clinician picks themselves, keeps the
     * OpenVisit app and presses "Begin virtual visit" on the appointment; answers where the browser stops: the
     * Microsoft sign-in page (which waits for a person) or the meeting.
     */
    private static String beginVirtualVisit(Browser browser, OwnAppointment visit, String launchUrl) {
        WebDriver driver = browser.driver();
        driver.get(SharedServer.sandboxUri().resolve("ehr?launchUrl=" + URLEncoder.encode(launchUrl,
                StandardCharsets.UTF_8)).toString());
        driver.findElement(By.partialLinkText(visit.familyName())).click();
        browser.waitUpTo(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("launch")).isEmpty());
        assertThat(driver.findElement(By.id("launchUrl")).getText()).contains(launchUrl);
        new Select(driver.findElement(By.name("app"))).selectByValue("openvisit");
        driver.findElement(By.cssSelector("button[name=appointment][value=" + visit.appointmentId() + "]")).click();
        return whereItStops(browser);
    }

    /** Waits for the sign-in page, the meeting or OpenVisit's refusal page (a refusal fails with its words). */
    private static String whereItStops(Browser browser) {
        WebDriver driver = browser.driver();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/ehr-sandbox/entra/")
                || d.getCurrentUrl().contains("/meetup-join/") || !d.findElements(By.id("launchMessage")).isEmpty());
        if (!driver.findElements(By.id("launchMessage")).isEmpty()) {
            throw new AssertionError("refused at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("body")).getText());
        }
        return driver.getCurrentUrl();
    }

    private static int stubMeetingsOf(String organizer) {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/meetings?organizer=" + organizer)).GET());
        return Http.json(answer).getInt("meetings");
    }
}
