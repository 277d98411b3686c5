package org.openvisit.it.launch;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Debian's Chromium: from the sandbox's EHR screen, pick a clinician (then a patient), press "Begin
 * virtual visit" and land on OpenVisit's visit page (the lobby for the patient), with no portal step:
 * the demo organization is seeded in development mode. Screenshots: target/screenshots/launch-*.png.
 */
class EhrLaunchBrowserIT {

    private static void pickUserAndBegin(Browser browser, String userLinkText, String appointment) {
        WebDriver driver = browser.driver();
        driver.get(SharedServer.sandboxUri().resolve("ehr").toString());
        driver.findElement(By.partialLinkText(userLinkText)).click();
        browser.waitUpTo(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("launch")).isEmpty());
        // the OpenVisit app registration, the way the sandbox lists it
        driver.findElements(By.cssSelector("select[name=app] option")).stream()
                .filter(o -> o.getAttribute("value").equals("openvisit")).findFirst().orElseThrow().click();
        driver.findElement(By.cssSelector("button[name=appointment][value=" + appointment + "]")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/visit/")
                || !d.findElements(By.id("launchMessage")).isEmpty());
    }

    @Test
    void aClinicianPressesBeginVirtualVisitAndLandsOnTheVisitPage() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(SharedServer.sandboxUri().resolve("ehr").toString());
            browser.screenshot("launch-1-ehr-screen");
            pickUserAndBegin(browser, "Okafor", "appt-1001");
            browser.screenshot("launch-2-visit-page");
            assertThat(driver.getCurrentUrl()).matches(".*/visit/[0-9a-f-]{36}$");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Virtual visit");
            assertThat(driver.findElement(By.id("visitState")).getAttribute("data-state")).isEqualTo("SCHEDULED");
            assertThat(driver.findElement(By.id("visitState")).getText()).isEqualTo("Scheduled");
            assertThat(driver.findElement(By.id("participants")).getText()).contains("Practitioner/prac-ada-okafor");
        }
    }

    @Test
    void thePatientPressesBeginVirtualVisitAndLandsInTheLobby() {
        try (Browser browser = Browser.open()) {
            pickUserAndBegin(browser, "Marsh", "appt-1001");
            browser.screenshot("launch-3-patient-lobby");
            WebDriver driver = browser.driver();
            assertThat(driver.getCurrentUrl()).matches(".*/visit/[0-9a-f-]{36}/lobby$");
            assertThat(driver.findElement(By.id("lobbyMessage")).getText()).contains("checked in");
        }
    }
}
