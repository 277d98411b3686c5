package org.openvisit.it.portal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The organizations screen in a real browser: register one, see it listed, and see clear errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationsPageIT {

    private Browser browser;
    private WebDriver driver;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open();
        driver = browser.driver();
        browser.signIn(SharedServer.baseUri(), SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void openPage() {
        driver.get(SharedServer.baseUri().resolve("/organizations.xhtml").toString());
        browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("register:save")));
    }

    /** Opens a PrimeFaces select menu and picks an option by its value, through the widget's own API. */
    private void choose(String widgetVar, String value, String expectedLabel) {
        ((JavascriptExecutor) driver).executeScript("PF(arguments[0]).show(); PF(arguments[0]).selectValue(arguments[1]);"
                + " PF(arguments[0]).hide();", widgetVar, value);
        browser.waitUpTo(Duration.ofSeconds(5)).until(d -> expectedLabel.equals(((JavascriptExecutor) d)
                .executeScript("return PF(arguments[0]).getSelectedLabel();", widgetVar)));
    }

    private void register(String name, String region, String regionLabel, String vendor, String vendorLabel) {
        driver.findElement(By.id("register:name")).clear();
        driver.findElement(By.id("register:name")).sendKeys(name);
        choose("regionMenu", region, regionLabel);
        choose("vendorMenu", vendor, vendorLabel);
        driver.findElement(By.id("register:save")).click();
    }

    private String messages() {
        return browser.waitUpTo(Duration.ofSeconds(10)).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#register\\:messages .ui-messages-info, "
                        + "#register\\:messages .ui-messages-error, #register\\:messages .ui-messages-fatal")))
                .getText();
    }

    @Test
    void registersAnOrganizationAndListsIt() {
        openPage();
        String name = "Browser Hospital " + UUID.randomUUID().toString().substring(0, 8);
        driver.findElement(By.id("register:name")).sendKeys(name);
        choose("regionMenu", "EMEA", "Europe, Middle East and Africa");
        choose("vendorMenu", "EPIC", "Epic");
        browser.screenshot("organizations-1-filled");
        driver.findElement(By.id("register:save")).click();

        assertThat(messages()).contains("Organization \"" + name + "\" registered.");
        WebElement table = driver.findElement(By.id("list:organizations"));
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElement(table, name));
        assertThat(table.getText()).contains(name).contains("Europe, Middle East and Africa").contains("Epic").contains(" UTC");
        assertThat(driver.findElement(By.id("register:name")).getAttribute("value")).isEmpty();
        browser.screenshot("organizations-2-registered");
    }

    @Test
    void missingFieldsAreNamedInPlainWords() {
        openPage();
        driver.findElement(By.id("register:save")).click();
        String text = messages();
        assertThat(text).contains("The organization name is required.")
                .contains("Choose the data region")
                .contains("Choose the EHR");
        browser.screenshot("organizations-3-missing-fields");
    }

    @Test
    void aDuplicateNameIsExplainedNotAStackTrace() {
        openPage();
        String name = "Twin Browser Clinic " + UUID.randomUUID().toString().substring(0, 8);
        register(name, "APAC", "Asia-Pacific", "ORACLE_HEALTH", "Oracle Health (Cerner)");
        assertThat(messages()).contains("registered.");

        register(name.toUpperCase(), "APAC", "Asia-Pacific", "ORACLE_HEALTH", "Oracle Health (Cerner)");
        browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("register:messages"), "is registered already"));
        assertThat(driver.findElement(By.id("register:messages")).getText()).doesNotContain("Exception");
        browser.screenshot("organizations-4-duplicate");
    }
}
