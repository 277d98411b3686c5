package org.openvisit.it.portal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.OidcServer;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal signed in through an OpenID Connect provider ({@code openvisit.portal.sign-in=oidc}): a second
 * Payara Micro whose issuer is the EHR sandbox on the same server (username claim {@code sub}, e.g.
 * {@code Practitioner/prac-ada-okafor}). One boot for the whole class.
 */
class OidcSignInIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADA = "Practitioner/prac-ada-okafor";
    private static final String BEN = "Practitioner/prac-ben-lindqvist";
    private static final String UNKNOWN = "Patient/pat-leo-marsh";
    private static OidcServer server;

    @BeforeAll
    static void start() {
        server = OidcServer.start("sub", Map.of());
        registerCallbackAtTheSandbox();
        String organization = create("/api/organizations", Json.createObjectBuilder().add("name", "OIDC Hospital")
                .add("dataRegion", "EMEA").add("ehrVendor", "EPIC").build()).getString("id");
        create("/api/organizations/" + organization + "/users", Json.createObjectBuilder().add("username", ADA)
                .add("displayName", "Ada Okafor").add("roles", Json.createArrayBuilder().add("EHR_ANALYST"))
                .add("password", "unused-" + UUID.randomUUID()).build());
        // in oidc mode an account may have no password: it signs in only at the identity provider
        create("/api/organizations/" + organization + "/users", Json.createObjectBuilder().add("username", BEN)
                .add("displayName", "Ben Lindqvist").add("roles", Json.createArrayBuilder().add("EHR_ANALYST")).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI at(String path) {
        return server.baseUri().resolve(path);
    }

    /** The API keeps HTTP Basic with built-in accounts in oidc mode: the operator creates what the test needs. */
    private static JsonObject create(String path, JsonObject body) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(at(path))
                .header("Authorization", server.operatorAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    /** The sandbox's "openvisit" app registration gets OpenVisit's portal callback as a redirect URI. */
    private static void registerCallbackAtTheSandbox() {
        URI app = at("/ehr-sandbox/admin/api/apps/openvisit");
        JsonObject current = Http.json(Http.get(app));
        JsonArrayBuilder uris = Json.createArrayBuilder();
        current.getJsonArray("redirectUris").getValuesAs(JsonString.class).forEach(u -> uris.add(u.getString()));
        uris.add(at("/portal/oidc/callback").toString());
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(app).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("redirectUris", uris).build()
                        .toString())));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    @Test
    void aProtectedPageLeadsToTheProviderAndBackSignedInAsTheMappedAccount() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(at("/sign-in.xhtml").toString());
            assertThat(driver.findElements(By.id("signIn:password"))).as("no password form in oidc mode").isEmpty();
            assertThat(driver.findElement(By.id("signIn:oidc")).getText()).contains("Sign in with your organization's account");
            browser.screenshot("oidc-1-sign-in-page");

            driver.get(at("/endpoints.xhtml").toString());
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/ehr-sandbox/oauth/authorize"));
            assertThat(driver.getCurrentUrl()).contains("code_challenge_method=S256").contains("nonce=")
                    .contains("state=").contains("redirect_uri=" + URLEncoder.encode(at("/portal/oidc/callback")
                            .toString(), StandardCharsets.UTF_8));
            new Select(driver.findElement(By.name("user"))).selectByValue(ADA);
            browser.screenshot("oidc-2-identity-provider");
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/endpoints.xhtml"));
            assertThat(driver.findElement(By.id("signedInAs")).getText()).isEqualTo("Ada Okafor");
            browser.screenshot("oidc-3-signed-in");

            driver.findElement(By.id("account:signOut")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("signedOut=true"));
            assertThat(driver.getPageSource()).contains("You are signed out.");
            assertThat(driver.findElements(By.id("signIn:oidc"))).hasSize(1);
            browser.screenshot("oidc-4-signed-out");
        }
    }

    @Test
    void aUsernameWithoutAnOpenVisitAccountIsRefusedWithAClearPage() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(at("/endpoints.xhtml").toString());
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/ehr-sandbox/oauth/authorize"));
            new Select(driver.findElement(By.name("user"))).selectByValue(UNKNOWN);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/portal/oidc/callback"));
            assertThat(driver.findElement(By.id("oidcMessage")).getText()).isEqualTo("Your identity provider signed "
                    + "you in as " + UNKNOWN + ", but no OpenVisit account has that name. Ask your administrator.");
            browser.screenshot("oidc-5-no-account");
            driver.get(at("/endpoints.xhtml").toString());
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/ehr-sandbox/oauth/authorize"));
        }
    }

    @Test
    void aTamperedOrReusedStateIsRefusedAndNoCodeIsLogged() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> start = client.send(HttpRequest.newBuilder(at("/portal/oidc/start?next=%2Fendpoints.xhtml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        Map<String, String> form = query(authorize.getRawQuery());
        assertThat(form.get("state")).hasSizeGreaterThanOrEqualTo(43);
        form.put("user", BEN);
        form.put("patient", "");
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(authorize.resolve("/ehr-sandbox/oauth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        Map<String, String> answer = query(callback.getRawQuery());
        assertThat(callback.getPath()).isEqualTo("/portal/oidc/callback");

        URI tampered = at("/portal/oidc/callback?code=" + URLEncoder.encode(answer.get("code"), StandardCharsets.UTF_8)
                + "&state=" + answer.get("state").substring(1) + "A");
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(tampered).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("does not belong to a sign-in started in this browser");

        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/endpoints.xhtml");
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(at("/endpoints.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Ben Lindqvist");

        HttpResponse<String> reused = client.send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).as("a state works once").isEqualTo(400);

        HttpResponse<String> anotherBrowser = Http.get(callback);
        assertThat(anotherBrowser.statusCode()).as("the state is bound to the session").isEqualTo(400);

        String log = server.logText();
        assertThat(log).contains(BEN + " signed in to the portal through the identity provider");
        assertThat(log).doesNotContain(answer.get("code")).doesNotContain(answer.get("state"));
    }

    @Test
    void anAccountWithoutAPasswordCannotUseTheApiWithAnyPassword() {
        for (String guess : new String[] {"", " ", "null", BEN}) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(at("/api/organizations"))
                    .header("Authorization", org.openvisit.it.support.SharedServer.basic(BEN, guess)).GET());
            assertThat(response.statusCode()).as(guess).isEqualTo(401);
        }
    }

    @Test
    void theApiKeepsHttpBasicWithBuiltInAccounts() {
        HttpResponse<String> withBasic = Http.send(HttpRequest.newBuilder(at("/api/organizations"))
                .header("Authorization", server.operatorAuthorization()).GET());
        assertThat(withBasic.statusCode()).isEqualTo(200);
        HttpResponse<String> without = Http.get(at("/api/organizations"));
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
