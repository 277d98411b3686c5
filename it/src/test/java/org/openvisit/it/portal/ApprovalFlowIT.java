package org.openvisit.it.portal;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole configuration and approval flow in a real browser, against the EHR sandbox:
 * the operator registers an organization and its users; the organization's administrator adds a
 * FHIR endpoint with the wizard; the named EHR analyst signs in to the EHR and approves; the
 * integration records appear. Screenshots of each step land in target/screenshots/approval-*.png.
 */
class ApprovalFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "a long test password " + UUID.randomUUID();

    private Browser browser;
    private WebDriver driver;
    private int step;

    private URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }

    private void shot(String name) {
        browser.screenshot(String.format("approval-%02d-%s", ++step, name));
    }

    @Test
    void fromOrganizationToApprovedEndpoint() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String organization = "Lakeside Health " + suffix;
        String admin = "ada.admin." + suffix;
        String analyst = "eli.analyst." + suffix;
        String fhirBase = SharedServer.sandboxUri().resolve("fhir").toString();

        try (Browser opened = Browser.open()) {
            browser = opened;
            driver = opened.driver();

            // 1. The operator registers the organization and its two users.
            browser.signIn(SharedServer.baseUri(), SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
            driver.get(at("/organizations.xhtml").toString());
            driver.findElement(By.id("register:name")).sendKeys(organization);
            choose("regionMenu", "AMERICAS");
            choose("vendorMenu", "EPIC");
            driver.findElement(By.id("register:save")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:organizations"),
                    organization));
            shot("operator-registered-organization");

            driver.findElement(By.xpath("//tr[td[contains(., '" + organization + "')]]//a[normalize-space(.)='Users']")).click();
            createUser(admin, "Ada Admin", "Administrator");
            createUser(analyst, "Eli Analyst", "EHR analyst");
            shot("operator-created-users");
            signOut();

            // 2. The organization's administrator adds the endpoint with the wizard.
            browser.signIn(SharedServer.baseUri(), admin, PASSWORD);
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/endpoints.xhtml"));
            driver.findElement(By.id("endpoints:add")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("wizardForm:baseUrl")));
            // the address step checks the URL itself: empty, too long (never cut short) and malformed are refused there
            next();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("wizardForm:messages"),
                    "Enter the FHIR base URL."));
            String tooLong = "https://ehr.example.org/fhir/" + "r".repeat(2100);
            ((JavascriptExecutor) driver).executeScript("document.getElementById('wizardForm:baseUrl').value = arguments[0];",
                    tooLong);
            next();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("wizardForm:messages"),
                    "at most 2,000 characters"));
            assertThat(driver.findElement(By.id("wizardForm:baseUrl")).getAttribute("value")).hasSize(tooLong.length());
            // still on the address step: the department step is not shown (PrimeFaces renders only the current step)
            assertThat(driver.findElements(By.id("wizardForm:label"))).noneMatch(WebElement::isDisplayed);
            driver.findElement(By.id("wizardForm:baseUrl")).clear();
            driver.findElement(By.id("wizardForm:baseUrl")).sendKeys("ehr.example.org/fhir with spaces");
            next();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("wizardForm:messages"),
                    "must not contain spaces"));
            shot("admin-wizard-address-refused");
            driver.findElement(By.id("wizardForm:baseUrl")).clear();
            driver.findElement(By.id("wizardForm:baseUrl")).sendKeys(fhirBase);
            shot("admin-wizard-address");
            next();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("wizardForm:label")));
            driver.findElement(By.id("wizardForm:label")).sendKeys("Virtual care");
            next();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("wizardForm:approver")));
            assertThat(driver.findElement(By.id("wizardForm:approver")).getText()).contains("Choose an EHR analyst");
            choose("approverMenu", analyst);
            next();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("wizardForm:save")));
            assertThat(driver.findElement(By.id("wizardForm:reviewUrl")).getText()).isEqualTo(fhirBase);
            // the sandbox is the development mode's demo organization's EHR too: a shared EHR, named by nobody
            assertThat(driver.findElement(By.id("sharedEhrNotice")).getText())
                    .startsWith("This FHIR base URL is already registered by another organization on this installation");
            assertThat(driver.getPageSource()).doesNotContain("Demo Health");
            shot("admin-wizard-review-shared-ehr");
            driver.findElement(By.id("wizardForm:save")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("wizardForm:messages"),
                    "already registered by another organization"));
            assertThat(driver.getCurrentUrl()).contains("/endpoint-new.xhtml");
            driver.findElement(By.cssSelector("[id='wizardForm:sharedEhr'] .ui-chkbox-box")).click();
            driver.findElement(By.id("wizardForm:save")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/endpoint.xhtml"));
            assertThat(status()).isEqualTo("Awaiting approval");
            assertThat(driver.findElement(By.id("endpoint:sharedEhr")).getText()).startsWith("Yes: your administrator confirmed");
            assertThat(driver.findElements(By.id("endpoint:sharedWith"))).as("only operators see who shares").isEmpty();
            assertThat(driver.findElement(By.id("endpoint:messages")).getText()).contains("sent to " + analyst);
            String endpointPage = driver.getCurrentUrl();
            shot("admin-endpoint-awaiting-approval");
            // Test connection: the sandbox answers its SMART discovery and its FHIR metadata (R4)
            driver.findElement(By.id("endpoint:testConnection")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint:messages"),
                    "The EHR answers"));
            assertThat(driver.findElement(By.id("connectionDiscovery")).getText()).endsWith("answered as it should.");
            assertThat(driver.findElement(By.id("connectionMetadata")).getText()).endsWith("answered as it should.");
            assertThat(driver.findElement(By.id("endpoint:messages")).getText()).contains("FHIR 4.0");
            shot("admin-endpoint-test-connection");
            signOut();

            // 3. The approver signs in to the EHR (SMART standalone launch against the sandbox) and approves.
            browser.signIn(SharedServer.baseUri(), analyst, PASSWORD);
            driver.get(endpointPage);
            assertThat(driver.findElements(By.id("endpoint:approve"))).isEmpty();
            // signing in to the EHR as a patient proves nothing about the analyst: refused, nothing recorded
            driver.findElement(By.id("endpoint:ehrSignIn")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/ehr-sandbox/oauth/authorize"));
            new Select(driver.findElement(By.name("user"))).selectByValue("Patient/pat-leo-marsh");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("ehrSignInError=not_staff"));
            assertThat(driver.findElement(By.id("endpoint:messages")).getText())
                    .contains("You signed in to the EHR with a patient account").contains("Nothing was recorded");
            assertThat(status()).isEqualTo("Awaiting approval");
            assertThat(driver.findElement(By.id("endpoint:history")).getText()).doesNotContain("EHR sign-in recorded");
            shot("approver-patient-sign-in-refused");

            driver.findElement(By.id("endpoint:ehrSignIn")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/ehr-sandbox/oauth/authorize"));
            new Select(driver.findElement(By.name("user"))).selectByIndex(1);
            shot("approver-ehr-sign-in");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("verified=true"));
            assertThat(status()).isEqualTo("EHR sign-in done");
            assertThat(driver.findElement(By.id("endpoint:ehrVerification")).getText()).startsWith("Signed in as Practitioner/");
            shot("approver-ehr-verified");

            // Approve asks first: "No" changes nothing, "Yes" approves
            driver.findElement(By.id("endpoint:approve")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-no"))).click();
            assertThat(status()).isEqualTo("EHR sign-in done");
            driver.findElement(By.id("endpoint:approve")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
            browser.waitUpTo(WAIT).until(d -> "Approved".equals(status()));
            assertThat(driver.findElement(By.id("endpoint:inService")).getText()).isEqualTo("Yes");
            String records = driver.findElement(By.id("endpoint:records")).getText();
            assertThat(records).contains("Integration records")
                    .contains("Provider launch URL").contains(SharedServer.baseUri().resolve("/launch/e/").toString())
                    .contains("Patient launch URL")
                    .contains("SMART client id").contains("openvisit")
                    .contains(SharedServer.baseUri().resolve("/launch/callback").toString())
                    .contains(SharedServer.baseUri().resolve("/portal/ehr-sign-in/callback").toString())
                    .contains("system/Encounter.rus")
                    .contains(SharedServer.baseUri().resolve("/.well-known/jwks.json").toString());
            String json = fetch(driver.findElement(By.id("endpoint:downloadJson")).getAttribute("href"));
            assertThat(json).contains("\"providerLaunchUrl\"").contains("\"fhirBaseUrl\":\"" + fhirBase + "\"");
            String text = fetch(driver.findElement(By.id("endpoint:downloadText")).getAttribute("href"));
            assertThat(text).startsWith("OpenVisit integration records").contains("Redirect URI:");
            assertThat(driver.findElement(By.id("endpoint:history")).getText())
                    .contains("Created").contains("Sent for approval").contains("EHR sign-in recorded").contains("Approved")
                    .contains(admin).contains(analyst);
            // a Copy button says what it did, on the button and in the page's live region
            driver.findElement(By.cssSelector("[data-copy='record-providerLaunchUrl']")).click();
            browser.waitUpTo(WAIT).until(d -> !d.findElement(By.id("copyStatus")).getText().isEmpty());
            assertThat(driver.findElement(By.id("copyStatus")).getText())
                    .isIn("Copied to the clipboard.", "This browser did not allow copying: select the text and copy it yourself.");
            assertThat(driver.findElement(By.id("copyStatus")).getAttribute("aria-live")).isEqualTo("polite");
            shot("approver-approved-integration-records");
            assertThat(driver.findElements(By.id("endpoint:generateKey"))).as("only the administrator makes keys").isEmpty();
            signOut();

            // 4. The administrator generates the encrypted-context-link key: shown once, then only its id.
            browser.signIn(SharedServer.baseUri(), admin, PASSWORD);
            driver.get(endpointPage.replace("&verified=true", ""));
            assertThat(driver.findElement(By.id("endpoint:currentKey")).getText()).isEqualTo("No key yet.");
            driver.findElement(By.id("endpoint:generateKey")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("newKeyValue")));
            String keyId = driver.findElement(By.id("newKeyId")).getText();
            String key = driver.findElement(By.id("newKeyValue")).getText();
            assertThat(java.util.Base64.getDecoder().decode(key)).hasSize(32);
            assertThat(driver.findElement(By.id("endpoint:records")).getText()).contains(keyId);
            shot("admin-context-link-key-shown-once");

            driver.navigate().refresh();
            assertThat(driver.findElements(By.id("newKeyValue"))).isEmpty();
            assertThat(driver.getPageSource()).doesNotContain(key);
            assertThat(driver.findElement(By.id("endpoint:currentKey")).getText()).startsWith("In use: " + keyId);

            // 5. The administrator lets the EHR's web client frame the launch and visit pages: a bad value is
            //    refused with a message and nothing is saved; a good list is saved, recorded, shown in the
            //    integration records and sent with the launch page; the endpoint stays approved.
            String origin = "http://" + SharedServer.baseUri().getHost() + ":" + SharedServer.baseUri().getPort();
            assertThat(driver.findElement(By.id("endpoint:frameAncestorsNow")).getText()).contains(origin)
                    .contains("default");
            driver.findElement(By.id("endpoint:frameAncestors")).sendKeys("https://ehr-web.example.org/app");
            driver.findElement(By.id("endpoint:saveFrameAncestors")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint:messages"),
                    "has a path"));
            assertThat(driver.findElement(By.id("endpoint:frameAncestorsNow")).getText()).contains("default");
            driver.findElement(By.id("endpoint:frameAncestors")).clear();
            driver.findElement(By.id("endpoint:frameAncestors")).sendKeys("https://EHR-web.example.org:443\n" + origin);
            driver.findElement(By.id("endpoint:saveFrameAncestors")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint:messages"),
                    "Saved."));
            shot("admin-frame-ancestors-saved");
            assertThat(driver.findElement(By.id("endpoint:frameAncestorsNow")).getText())
                    .isEqualTo("https://ehr-web.example.org, " + origin);
            assertThat(status()).isEqualTo("Approved");
            assertThat(driver.findElement(By.id("endpoint:history")).getText()).contains("Sites allowed to frame it changed")
                    .contains("https://ehr-web.example.org " + origin);
            assertThat(driver.findElement(By.id("endpoint:records")).getText())
                    .contains("Sites that may show OpenVisit in a frame").contains("https://ehr-web.example.org " + origin);
            java.net.http.HttpResponse<String> launch = org.openvisit.it.support.Http.get(
                    at("/launch?iss=" + fhirBase + "&launch=frame-check"));
            assertThat(launch.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("frame-ancestors ").contains("https://ehr-web.example.org", origin);
            assertThat(launch.headers().firstValue("X-Frame-Options")).isEmpty();
            signOut();

            // 6. The operator sees the endpoint marked as a shared EHR, with the organizations sharing its URL.
            browser.signIn(SharedServer.baseUri(), SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
            driver.get(endpointPage.replace("&verified=true", ""));
            assertThat(driver.findElement(By.id("endpoint:sharedWith")).getText()).contains("Demo Health (EHR sandbox)")
                    .doesNotContain(organization);
            shot("operator-shared-ehr");
        }
    }

    /** Reads a download the way the page's own session would. */
    private String fetch(String href) {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('ERROR ' + e));",
                href);
    }

    private String status() {
        return driver.findElement(By.id("endpoint:status")).getText();
    }

    private void next() {
        ((JavascriptExecutor) driver).executeScript("PF('endpointWizard').next();");
    }

    private void choose(String widgetVar, String value) {
        ((JavascriptExecutor) driver).executeScript("PF(arguments[0]).selectValue(arguments[1]);", widgetVar, value);
    }

    private void createUser(String username, String displayName, String role) {
        browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("users:username")));
        driver.findElement(By.id("users:username")).sendKeys(username);
        driver.findElement(By.id("users:displayName")).sendKeys(displayName);
        driver.findElement(By.xpath("//*[@id='users:roles']//label[starts-with(normalize-space(.), '" + role + "')]")).click();
        driver.findElement(By.id("users:password")).sendKeys(PASSWORD);
        driver.findElement(By.id("users:create")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:messages"),
                "User \"" + username + "\" created"));
    }

    private void signOut() {
        driver.findElement(By.id("account:signOut")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("signedOut=true"));
    }
}
