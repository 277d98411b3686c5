package org.openvisit.it.portal;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.Organizations;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out of the portal and the API, and what a wrong or missing sign-in gets. */
class SignInIT {

    private static URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }

    @Test
    void theApiWithoutCredentialsIs401WithAProblemAndAChallenge() {
        HttpResponse<String> response = Http.get(at("/api/organizations"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic realm=\"OpenVisit\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(Http.json(response).getString("detail")).contains("HTTP Basic");
    }

    @Test
    void theApiWithAWrongPasswordIs401AndChangesNothing() {
        String name = "Sneaky " + java.util.UUID.randomUUID();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(at("/api/organizations"))
                .header("Authorization", SharedServer.basic(SharedServer.ADMIN_USERNAME, "wrong password!"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"dataRegion\":\"EMEA\",\"ehrVendor\":\"EPIC\"}")));
        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("detail")).isEqualTo("The username or password is wrong.");
        assertThat(Organizations.countNamedIgnoringCase(name)).as("organizations named " + name).isZero();
    }

    @Test
    void garbageCredentialsAre401NotAServerError() {
        for (String header : new String[] {"Basic !!!not-base64!!!", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes()), "Bearer abc.def.ghi"}) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(at("/api/organizations"))
                    .header("Authorization", header).GET());
            assertThat(response.statusCode()).as(header).isEqualTo(401);
        }
    }

    @Test
    void aPersonSignsInLandsWhereTheyWereGoingAndSignsOut() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(at("/organizations.xhtml").toString());
            assertThat(driver.getCurrentUrl()).contains("/sign-in.xhtml");
            browser.screenshot("sign-in-1-page");

            browser.signIn(SharedServer.baseUri(), SharedServer.ADMIN_USERNAME, "not the password");
            assertThat(driver.findElement(By.id("signIn:messages")).getText()).contains("The username or password is wrong.");
            Cookie before = driver.manage().getCookieNamed("OPENVISIT_SESSION");
            browser.screenshot("sign-in-2-wrong-password");

            driver.get(at("/organizations.xhtml").toString());
            driver.findElement(By.id("signIn:username")).sendKeys(SharedServer.ADMIN_USERNAME);
            driver.findElement(By.id("signIn:password")).sendKeys(SharedServer.ADMIN_PASSWORD);
            driver.findElement(By.id("signIn:submit")).click();
            browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/organizations.xhtml"));
            assertThat(driver.findElement(By.id("signedInAs")).getText()).isEqualTo("Administrator");

            Cookie after = driver.manage().getCookieNamed("OPENVISIT_SESSION");
            assertThat(after).isNotNull();
            assertThat(after.isHttpOnly()).isTrue();
            assertThat(after.getSameSite()).isEqualTo("Lax");
            if (before != null) {
                assertThat(after.getValue()).as("the session id changes at sign-in").isNotEqualTo(before.getValue());
            }
            browser.screenshot("sign-in-3-signed-in");

            driver.findElement(By.id("account:signOut")).click();
            browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("signedOut=true"));
            assertThat(driver.getPageSource()).contains("You are signed out.");
            driver.get(at("/organizations.xhtml").toString());
            assertThat(driver.getCurrentUrl()).contains("/sign-in.xhtml");
        }
    }

    @Test
    void aSignInLinkCannotSendThePersonToAnotherSite() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(at("/sign-in.xhtml?next=//evil.example/steal").toString());
            driver.findElement(By.id("signIn:username")).sendKeys(SharedServer.ADMIN_USERNAME);
            driver.findElement(By.id("signIn:password")).sendKeys(SharedServer.ADMIN_PASSWORD);
            driver.findElement(By.id("signIn:submit")).click();
            browser.waitUpTo(Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("sign-in"));
            assertThat(URI.create(driver.getCurrentUrl()).getHost()).isEqualTo(SharedServer.baseUri().getHost());
        }
    }

    @Test
    void aCrossSiteFormPostIsRefused() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(at("/sign-in.xhtml"))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("signIn=signIn&signIn%3Ausername=admin")));
        assertThat(response.statusCode()).isEqualTo(403);
    }
}
