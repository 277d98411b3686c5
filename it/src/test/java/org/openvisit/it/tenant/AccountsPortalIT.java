package org.openvisit.it.tenant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.tenant.TenantApi.OPERATOR;

/**
 * A person's own account in the portal: changing one's password (wrong current one, mismatch, then
 * for real), and an administrator stopping and restarting a member, which takes effect at once.
 */
class AccountsPortalIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void changingOnesOwnPasswordAndStoppingAMember() {
        String org = TenantApi.organization(TenantApi.unique("Accounts Clinic"));
        TenantApi.User admin = TenantApi.user(OPERATOR, org, "acc.admin", "ORG_ADMIN");
        TenantApi.User reader = TenantApi.user(OPERATOR, org, "acc.reader", "REPORT_READER");
        String newPassword = "a brand new passphrase for " + admin.username();

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            browser.signIn(SharedServer.baseUri(), admin.username(), admin.password());
            driver.findElement(By.id("signedInAs")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password:change")));

            changePassword(driver, "not my password", newPassword, newPassword);
            expectMessage(browser, "Your current password is not right.");
            changePassword(driver, admin.password(), newPassword, newPassword + "x");
            expectMessage(browser, "The two new passwords are not the same.");
            changePassword(driver, admin.password(), "short", "short");
            expectMessage(browser, "at least 12 characters");
            changePassword(driver, admin.password(), newPassword, newPassword);
            expectMessage(browser, "Your password was changed.");
            browser.screenshot("account-password-changed");

            // the administrator stops the report reader: the reader's next API call is refused
            assertThat(TenantApi.get(reader, "/api/organizations").statusCode()).isEqualTo(403);
            driver.get(SharedServer.baseUri().resolve("/users.xhtml").toString());
            By readerToggle = By.xpath("//tr[td[normalize-space(.)='" + reader.username() + "']]//a[normalize-space(.)='Stop']");
            browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(readerToggle)).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:messages"), "is stopped"));
            assertThat(TenantApi.get(reader, "/api/organizations").statusCode()).isEqualTo(401);
            browser.screenshot("account-member-stopped");

            driver.findElement(By.xpath("//tr[td[normalize-space(.)='" + reader.username() + "']]//a[normalize-space(.)='Restart']"))
                    .click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:messages"),
                    "can sign in again"));
            assertThat(TenantApi.get(reader, "/api/organizations").statusCode()).isEqualTo(403);
        }

        // the old password no longer works, the new one does
        assertThat(TenantApi.get(admin, "/api/organizations/" + org + "/users").statusCode()).isEqualTo(401);
        assertThat(TenantApi.get(new TenantApi.User(admin.username(), newPassword), "/api/organizations/" + org + "/users")
                .statusCode()).isEqualTo(200);
    }

    private static void changePassword(WebDriver driver, String current, String fresh, String repeated) {
        for (String[] field : new String[][] {{"password:current", current}, {"password:new", fresh},
                {"password:repeated", repeated}}) {
            driver.findElement(By.id(field[0])).clear();
            driver.findElement(By.id(field[0])).sendKeys(field[1]);
        }
        driver.findElement(By.id("password:change")).click();
    }

    private static void expectMessage(Browser browser, String expected) {
        browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("password:messages"), expected));
    }
}
