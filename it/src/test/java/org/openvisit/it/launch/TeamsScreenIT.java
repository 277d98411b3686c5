package org.openvisit.it.launch;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openvisit.it.support.Axe;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Teams settings screen in a browser, on the shared server against the sandbox's Entra and Graph stand-in. Apart
 * from {@link TeamsLaunchIT} (which holds the whole sandbox in a fault for a while and so runs alone): this class
 * changes only its own app registration at the stand-in, so it runs beside any other.
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
}
