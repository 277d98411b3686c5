package org.openvisit.it.launch;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The organization's Teams screen ({@code /teams.xhtml?org=...}) driven in a real browser, as an administrator would. */
final class TeamsScreenPage {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Browser browser;
    private final WebDriver driver;

    TeamsScreenPage(Browser browser, String organizationId) {
        this.browser = browser;
        this.driver = browser.driver();
        driver.get(SharedServer.baseUri().resolve("/teams.xhtml?org=" + organizationId).toString());
        browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("teams:save")));
    }

    /** Fills in the settings with a client secret and presses Save; answers the page's message. */
    String saveWithSecret(String tenant, String client, String organizer, String secret) {
        type("teams:tenantId", tenant);
        type("teams:clientId", client);
        type("teams:organizer", organizer);
        ((JavascriptExecutor) driver).executeScript("PF(arguments[0]).selectValue(arguments[1]);", "widget_teams_kind",
                "SECRET");
        type("teams:secret", secret);
        driver.findElement(By.id("teams:save")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("teams:test")));
        return messages();
    }

    /** Presses Test connection and waits for its answer; answers the page's message. */
    String testConnection() {
        ((JavascriptExecutor) driver).executeScript("window.ovChecked = false; $(document).one('pfAjaxComplete', "
                + "function () { window.ovChecked = true; });");
        driver.findElement(By.id("teams:test")).click();
        browser.waitUpTo(WAIT).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return window.ovChecked === true;")));
        browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("teams:permissions")));
        return messages();
    }

    /** Each permission's Graph name with its line of words, in the page's order. */
    Map<String, WebElement> permissions() {
        Map<String, WebElement> lines = new LinkedHashMap<>();
        for (WebElement li : driver.findElements(By.cssSelector("#permissionList li"))) {
            lines.put(li.getAttribute("data-permission"), li);
        }
        return lines;
    }

    String messages() {
        return driver.findElement(By.id("teams:messages")).getText();
    }

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
