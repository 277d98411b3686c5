package org.openvisit.it.writeback;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back queue screen in a real browser, on the shared server and its bundled EHR sandbox: a
 * visit whose EHR gave no references fails to be written; the operator sees it without the buttons; the
 * organization's administrator reaches the screen from the endpoint, retries the event, then discards
 * it and the event that waited behind it. Screenshots land in target/screenshots/write-back-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteBackPortalIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REASON = "no appointment or encounter";

    private final WriteBackHttp http = new WriteBackHttp();
    private WriteBackQueueClient wb;
    private Browser browser;
    private WebDriver driver;

    @BeforeAll
    void demoEndpoint() throws Exception {
        String fhirBase = "http://localhost:" + SharedServer.baseUri().getPort() + "/ehr-sandbox/fhir";
        wb = WriteBackQueueClient.forDemoEndpoint(http, path -> SharedServer.baseUri().resolve(path),
                SharedServer.ADMIN_PASSWORD, fhirBase);
    }

    @Test
    void aFailedEventIsRetriedThenDiscardedByTheOrganizationsAdministratorOnly() throws Exception {
        String password = "a long test password " + UUID.randomUUID();
        String orgAdmin = "wb-portal-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = wb.admin("POST", "api/organizations/" + wb.organizationId + "/users",
                "{\"username\":\"" + orgAdmin + "\",\"roles\":[\"ORG_ADMIN\"],\"password\":\"" + password + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String visit = wb.backlog(1, 2, List.of(), List.of()).get(0);
        JsonObject first = awaitOwn(visit, 1, "FAILED", 1);

        // the operator sees the failure and its reason, but no buttons: acting is the organization's business
        try (Browser operator = Browser.open()) {
            use(operator);
            operator.signIn(SharedServer.baseUri(), SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
            driver.get(SharedServer.baseUri().resolve("/write-back.xhtml?endpoint=" + wb.endpointId).toString());
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("writeBack:items"), REASON));
            assertThat(driver.findElement(By.id("writeBack:health")).getText()).isEqualTo("Needs attention");
            assertThat(driver.findElements(By.xpath("//button[.//span[text()='Retry']]"))).isEmpty();
            assertThat(driver.findElements(By.id("writeBack:saveCallLimit"))).as("no settings for the operator").isEmpty();
            browser.screenshot("write-back-1-operator");
        }

        try (Browser admin = Browser.open()) {
            use(admin);
            admin.signIn(SharedServer.baseUri(), orgAdmin, password);
            // from the endpoint's page, as a person gets there
            driver.get(SharedServer.baseUri().resolve("/endpoint.xhtml?id=" + wb.endpointId).toString());
            By queueLink = By.xpath("//a[contains(., 'Write-back queue')]");
            try {
                browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(queueLink)).click();
            } finally {
                browser.screenshot("write-back-2-endpoint");
            }
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("writeBack:items"), REASON));
            assertThat(driver.findElement(By.id("writeBack:health")).getText()).isEqualTo("Needs attention");
            assertThat(failedRow(1).getText()).contains("Failed", REASON);
            browser.screenshot("write-back-3-failed");

            // Retry: written again at once, fails again the same way (the EHR still has no references)
            failedRow(1).findElement(By.xpath(".//button[.//span[text()='Retry']]")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("writeBack:messages"),
                    "will be written again now"));
            // the retry was stored before the message showed, with a fresh count of attempts
            awaitOwn(visit, 1, "FAILED", 1);
            driver.findElement(By.id("writeBack:refresh")).click();
            browser.waitUpTo(WAIT).until(d -> !d.findElements(By.xpath(failedRowPath(1))).isEmpty());

            // Discard asks first; "No" keeps it
            discardButton(1).click();
            confirm("No");
            assertThat(status(visit, 1)).isEqualTo("FAILED");
            discardButton(1).click();
            browser.screenshot("write-back-4-confirm");
            confirm("Yes");
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("writeBack:messages"),
                    "was discarded"));
            assertThat(status(visit, 1)).isEqualTo("DISCARDED");

            // the event that waited behind it is due now and fails the same way; discarded as well
            awaitOwn(visit, 2, "FAILED", 1);
            driver.findElement(By.id("writeBack:refresh")).click();
            browser.waitUpTo(WAIT).until(d -> !d.findElements(By.xpath(failedRowPath(2))).isEmpty());
            discardButton(2).click();
            confirm("Yes");
            browser.waitUpTo(WAIT).until(d -> status(visit, 2).equals("DISCARDED"));
            browser.waitUpTo(WAIT).until(d -> d.findElements(By.xpath(failedRowPath(2))).isEmpty());
            assertThat(driver.findElement(By.id("writeBack:messages")).getText()).contains("Event 2 of the visit was discarded");
            browser.screenshot("write-back-5-discarded");
            assertThat(first.getString("lastError")).contains(REASON);
            // nothing failing now: HEALTHY only if this endpoint's EHR ever took a write-back (other tests may have
            // delivered to the demo endpoint), else "never delivered yet"; the delivered list is on the page
            String health = driver.findElement(By.id("writeBack:health")).getText();
            String lastDelivered = driver.findElement(By.id("writeBack:lastDelivered")).getText();
            if (lastDelivered.startsWith("Never yet")) {
                assertThat(health).isEqualTo("Never delivered yet");
                assertThat(driver.findElement(By.id("writeBack:delivered")).getText()).contains("Nothing delivered yet");
            } else {
                assertThat(health).isEqualTo("Working");
                assertThat(driver.findElements(By.cssSelector("[id='writeBack:delivered_data'] tr"))).isNotEmpty();
            }

            // the organization limits the calls at once to its EHR; what is not a limit is refused in plain words
            assertThat(driver.findElement(By.id("writeBack:callsAtOnce")).getText()).isEqualTo("16 (the installation's limit)");
            saveCallLimit("many");
            awaitMessage("whole number from 1 to 64");
            saveCallLimit("0");
            awaitMessage("Calls at once to one EHR are 1 to 64");
            assertThat(wb.queue().containsKey("callLimit") && !wb.queue().isNull("callLimit")).isFalse();
            saveCallLimit("3");
            awaitMessage("at most 3 calls at once");
            assertThat(driver.findElement(By.id("writeBack:callsAtOnce")).getText()).isEqualTo("3 (limited for this EHR)");
            assertThat(wb.queue().getInt("callLimit")).isEqualTo(3);
            browser.screenshot("write-back-6-limited");
            saveCallLimit("");
            awaitMessage("the installation's limit of calls at once");
            assertThat(wb.queue().getInt("callsAtOnce")).isEqualTo(16);
            assertThat(wb.queue().containsKey("callLimit") && !wb.queue().isNull("callLimit")).isFalse();
        }
    }

    private void saveCallLimit(String typed) {
        WebElement field = browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("writeBack:callLimit")));
        field.clear();
        field.sendKeys(typed);
        driver.findElement(By.id("writeBack:saveCallLimit")).click();
    }

    private void awaitMessage(String text) {
        browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("writeBack:messages"), text));
    }

    private void use(Browser opened) {
        browser = opened;
        driver = opened.driver();
    }

    private static String failedRowPath(int sequence) {
        return "//tbody[@id='writeBack:items_data']/tr[contains(., '(no. " + sequence + ")') and contains(., 'Failed')"
                + " and contains(., '" + REASON + "')]";
    }

    private WebElement failedRow(int sequence) {
        return driver.findElement(By.xpath(failedRowPath(sequence)));
    }

    private WebElement discardButton(int sequence) {
        return browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(
                By.xpath(failedRowPath(sequence) + "//button[.//span[text()='Discard']]")));
    }

    private void confirm(String answer) {
        By button = By.xpath("//div[contains(@class,'ui-confirm-dialog') and contains(@style,'display: block')]"
                + "//button[.//span[text()='" + answer + "']]");
        browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(button)).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(button));
    }

    private String status(String visit, int sequence) {
        try {
            return wb.items("PENDING,IN_FLIGHT,RETRYING,FAILED,DELIVERED,DISCARDED").stream()
                    .filter(i -> i.getString("visitId").equals(visit) && i.getInt("sequence") == sequence)
                    .map(i -> i.getString("status")).findFirst().orElse("none");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the visit's event is in this status after this many attempts (as the API tells). */
    private JsonObject awaitOwn(String visit, int sequence, String status, int attempts) throws Exception {
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            for (JsonObject i : wb.items(status)) {
                if (i.getString("visitId").equals(visit) && i.getInt("sequence") == sequence && i.getInt("attempts") == attempts) {
                    return i;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("event " + sequence + " of visit " + visit + " not " + status + " after " + attempts
                + " attempts: " + wb.queue());
    }
}
