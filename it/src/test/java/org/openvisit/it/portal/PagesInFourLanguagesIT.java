package org.openvisit.it.portal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.support.Axe;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.tenant.TenantApi.OPERATOR;

/**
 * Every translated portal page in each of the four languages, with the browser asking for that language: the page
 * is that page (no error page, no missing text), its {@code lang} is right, a translated page has no English words
 * left (names of products and the test's own data excepted), and axe-core (4.14.1, WCAG 2.1 A and AA rules) finds
 * no serious or critical violation. A screenshot of each page in each language goes to target/screenshots.
 */
// never beside another class of many browsers: on two cores their timing bounds (a removal within seconds, ICE
// within 20 s) would measure each other's load
@org.junit.jupiter.api.parallel.ResourceLock(org.openvisit.it.support.TestResources.MANY_BROWSERS)
class PagesInFourLanguagesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Browser language asked for, and the page's {@code lang} expected. */
    private static final String[][] LANGUAGES = {{"en", "en"}, {"zh-CN", "zh-Hans-CN"}, {"zh-TW", "zh-Hant-TW"}, {"ru", "ru"}};

    /** Words that stay as they are in every language: names of products and standards, and "English" in the switcher. */
    private static final Set<String> NAMES = Set.of("OpenVisit", "FHIR", "EHR", "SMART", "Epic", "Oracle", "Health",
            "Cerner", "PowerChart", "https", "ID", "API", "UTC", "on", "English", "CSV", "JSON", "Excel", "xlsx", "Microsoft",
            "Teams", "Entra", "README", "PEM", "RSA", "Power", "BI", "REST", "SMS",
            // HL7v2 terms, protocols, ISO country codes and tz database names given as examples to type
            "HL", "SIU", "MSH", "MLLP", "HTTPS", "HMAC", "SHA", "tz", "US", "CN", "TW", "RU", "America", "New", "York",
            "Asia", "Shanghai", "Taipei", "Europe", "Moscow",
            // the QR code of the second factor's set-up
            "QR",
            // the SMS encodings named on the SMS page (GSM-7, UCS-2)
            "GSM", "UCS",
            // the feed certificate's formats and key types, and the lines of a PEM file, as the hint quotes them
            "EC", "DER", "BEGIN", "END", "CERTIFICATE", "cer", "crt");

    private static final Pattern URL = Pattern.compile("\\S+://\\S+");
    /** The labels the collector puts before attribute texts (to tell where a word came from), not page text. */
    private static final Pattern ATTRIBUTE_LABEL = Pattern.compile("\\b(title|placeholder|aria-label)=");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");

    private static String organization;
    private static String organizationName;
    private static TenantApi.User admin;
    private static String endpointId;

    @BeforeAll
    static void organizationWithAnEndpoint() throws IOException {
        organizationName = TenantApi.unique("OpenVisit");
        organization = TenantApi.organization(organizationName);
        admin = TenantApi.user(OPERATOR, organization, "lang.admin", "ORG_ADMIN");
        TenantApi.User analyst = TenantApi.user(OPERATOR, organization, "lang.analyst", "EHR_ANALYST");
        endpointId = TenantApi.endpoint(admin, organization, "https://ehr.example.org/fhir/" + organizationName, "TEST",
                analyst.username(), false).getString("id");
        // Teams settings (a secret), so the Teams page's table of clinicians' Microsoft links is checked too
        java.net.http.HttpResponse<String> teams = TenantApi.put(admin, "/api/organizations/" + organization + "/teams",
                null, "{\"tenantId\":\"" + java.util.UUID.randomUUID() + "\",\"clientId\":\"" + java.util.UUID.randomUUID()
                        + "\",\"organizer\":\"" + java.util.UUID.randomUUID() + "\",\"lobbyBypass\":\"ORGANIZATION\","
                        + "\"meetingChat\":\"ENABLED\",\"clientSecret\":\"lang-secret\",\"clinicianSignIn\":\"LINK\"}");
        assertThat(teams.statusCode()).as(teams.body()).isEqualTo(200);
        // the SMS page with both consents and a number, so its table, statuses and buttons are checked too
        String sms = "/api/organizations/" + organization + "/sms";
        assertThat(TenantApi.put(admin, sms + "/consents/vendor-sends", null, "{}").statusCode()).isEqualTo(200);
        assertThat(TenantApi.put(admin, sms + "/consents/patients-consented", null, "{}").statusCode()).isEqualTo(200);
        java.net.http.HttpResponse<String> number = TenantApi.post(admin, sms + "/numbers", "{}");
        assertThat(number.statusCode()).isEqualTo(202);
        // the endpoint polled over FHIR (not approved, so its poll says so in words): the feed's lines are checked too
        String numberId = Http.json(number).getString("id");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!"ACTIVE".equals(Http.json(TenantApi.get(admin, sms + "/numbers/" + numberId)).getString("status"))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(TenantApi.put(admin, sms + "/numbers/" + numberId + "/endpoints/" + endpointId, null, "{}")
                .statusCode()).isEqualTo(200);
        assertThat(TenantApi.put(admin, sms + "/endpoints/" + endpointId + "/feed-source", null,
                "{\"source\":\"FHIR_POLLING\"}").statusCode()).isEqualTo(200);
        // the feed's certificate (an interface engine's, made by keytool), so its subject, validity and fingerprint show
        java.net.http.HttpResponse<String> certificate = Http.send(java.net.http.HttpRequest.newBuilder(TenantApi.at(
                        sms + "/endpoints/" + endpointId + "/feed-certificate"))
                .header("Authorization", admin.authorization()).header("Content-Type", "application/x-pem-file")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(org.openvisit.it.notify.EngineCertificates
                        .make("-keyalg", "RSA", "-keysize", "2048", "-validity", "30").pem())));
        assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(200);
    }

    @Test
    void everyPageInEveryLanguage() {
        List<String> problems = new ArrayList<>();
        for (String[] language : LANGUAGES) {
            try (Browser browser = Browser.open("--accept-lang=" + language[0], "--lang=" + language[0])) {
                WebDriver driver = browser.driver();
                page(browser, language, "sign-in", "/sign-in.xhtml", "signIn:submit", problems);
                // the code page of a sign-in with a second factor, as a browser sees it without a pending sign-in
                page(browser, language, "sign-in-code", "/sign-in-code.xhtml", "again", problems);
                page(browser, language, "not-found", "/no-such-page.xhtml", null, problems);
                page(browser, language, "device-test", "/device-test", "dtStart", problems);
                visitPages(browser, language, problems);
                browser.signIn(SharedServer.baseUri(), SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
                page(browser, language, "organizations", "/organizations.xhtml", "register:save", problems);
                page(browser, language, "region-moves", "/region-moves.xhtml", "move:start", problems);
                page(browser, language, "audit-installation", "/audit.xhtml", "audit:show", problems);
                driver.findElement(By.id("account:signOut")).click();
                browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("sign-in"));

                browser.signIn(SharedServer.baseUri(), admin.username(), admin.password());
                page(browser, language, "endpoints", "/endpoints.xhtml", "endpoints:list", problems);
                page(browser, language, "endpoint", "/endpoint.xhtml?id=" + endpointId, "endpoint:status", problems);
                page(browser, language, "endpoint-new", "/endpoint-new.xhtml", "wizardForm:baseUrl", problems);
                page(browser, language, "users", "/users.xhtml", "users:create", problems);
                page(browser, language, "organization", "/organization.xhtml", "organization:save", problems);
                page(browser, language, "account", "/account.xhtml", "password:change", problems);
                page(browser, language, "second-factor", "/second-factor.xhtml", "secondFactor:begin", problems);
                page(browser, language, "second-factor-set-up", "/second-factor.xhtml", "secondFactor:begin",
                        "secondFactor:confirm", problems);
                page(browser, language, "write-back", "/write-back.xhtml?endpoint=" + endpointId, "writeBack:refresh",
                        problems);
                page(browser, language, "reports", "/reports.xhtml", "reports:show", problems);
                page(browser, language, "report-tokens", "/report-tokens.xhtml", "tokens:issue", problems);
                page(browser, language, "audit", "/audit.xhtml", "audit:list", problems);
                page(browser, language, "teams", "/teams.xhtml", "teams:save", problems);
                page(browser, language, "sms", "/sms.xhtml", "sms:vendorSends", problems);
                page(browser, language, "sms-endpoint", "/sms-endpoint.xhtml?endpoint=" + endpointId, "smsEndpoint:save",
                        problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void anEndpointsSmsSettingsAreSavedFromThePageAndBadValuesAreSaidInWords() {
        try (Browser browser = Browser.open("--accept-lang=ru", "--lang=ru")) {
            WebDriver driver = browser.driver();
            browser.signIn(SharedServer.baseUri(), admin.username(), admin.password());
            driver.get(SharedServer.baseUri().resolve("/sms.xhtml").toString());
            driver.findElement(By.cssSelector("#endpointSettings a")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("smsEndpoint:save")));

            driver.findElement(By.id("smsEndpoint:reminders")).clear();
            driver.findElement(By.id("smsEndpoint:reminders")).sendKeys("1440, 15");
            driver.findElement(By.id("smsEndpoint:timeZone")).clear();
            driver.findElement(By.id("smsEndpoint:timeZone")).sendKeys("Moscow time");
            driver.findElement(By.id("smsEndpoint:save")).click();
            browser.waitUpTo(WAIT).until(d -> d.findElement(By.id("smsEndpoint:messages")).getText()
                    .contains("Это не часовой пояс"));
            String settings = "/api/organizations/" + organization + "/sms/endpoints/" + endpointId;
            assertThat(Http.json(TenantApi.get(admin, settings)).getJsonArray("reminderMinutes")).as("nothing saved")
                    .isEmpty();

            driver.findElement(By.id("smsEndpoint:timeZone")).clear();
            driver.findElement(By.id("smsEndpoint:timeZone")).sendKeys("Europe/Moscow");
            driver.findElement(By.id("smsEndpoint:save")).click();
            browser.waitUpTo(WAIT).until(d -> d.findElement(By.id("smsEndpoint:messages")).getText()
                    .contains("Настройки SMS сохранены"));
            jakarta.json.JsonObject saved = Http.json(TenantApi.get(admin, settings));
            assertThat(saved.getJsonArray("reminderMinutes").toString()).isEqualTo("[1440,15]");
            assertThat(saved.getString("timeZone")).isEqualTo("Europe/Moscow");
            browser.screenshot("languages-ru-sms-endpoint-saved");

            // the wizard's address step says why a FHIR base URL is refused in the reader's language too
            driver.get(SharedServer.baseUri().resolve("/endpoint-new.xhtml").toString());
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("wizardForm:baseUrl")));
            driver.findElement(By.id("wizardForm:baseUrl")).sendKeys("https://ehr.example.org/fhir?tenant=1");
            ((JavascriptExecutor) driver).executeScript("PF('endpointWizard').next();");
            browser.waitUpTo(WAIT).until(d -> d.findElement(By.id("wizardForm:messages")).getText()
                    .contains("не должен содержать параметры запроса"));
            assertThat(driver.findElement(By.id("wizardForm:messages")).getText()).doesNotContain("must not");
            browser.screenshot("languages-ru-endpoint-new-refused");
        }
    }

    @Test
    void theSwitcherOverridesTheBrowsersLanguageAndIsRemembered() {
        try (Browser browser = Browser.open("--accept-lang=zh-TW", "--lang=zh-TW")) {
            WebDriver driver = browser.driver();
            driver.get(SharedServer.baseUri().resolve("/sign-in.xhtml?next=/account.xhtml").toString());
            assertThat(lang(driver)).isEqualTo("zh-Hant-TW");
            driver.findElement(By.cssSelector(".ov-languages a[lang='ru']")).click();
            browser.waitUpTo(WAIT).until(d -> "ru".equals(lang(d)));
            assertThat(driver.getCurrentUrl()).as("back on the same page").contains("/sign-in.xhtml?next=");
            assertThat(driver.findElement(By.cssSelector(".ov-languages a[lang='ru']")).getAttribute("aria-current"))
                    .isEqualTo("true");
            browser.signIn(SharedServer.baseUri(), admin.username(), admin.password());
            driver.get(SharedServer.baseUri().resolve("/account.xhtml").toString());
            assertThat(lang(driver)).as("the choice holds on the next pages").isEqualTo("ru");
            assertThat(driver.findElement(By.id("password:change")).getText()).isEqualTo("Сменить пароль");

            // a crafted switch link never leaves the application, and an unknown language changes nothing
            driver.get(SharedServer.baseUri().resolve("/language?to=de&back=//evil.example.org/x").toString());
            assertThat(driver.getCurrentUrl()).startsWith(SharedServer.baseUri().toString()).doesNotContain("evil");
            assertThat(lang(driver)).isEqualTo("ru");
        }
    }

    @Test
    void aSignedInPersonsChoiceIsRememberedOnTheirAccountInAnyBrowser() {
        TenantApi.User person = TenantApi.user(OPERATOR, organization, "lang.person", "REPORT_READER");
        try (Browser browser = Browser.open("--accept-lang=en", "--lang=en")) {
            WebDriver driver = browser.driver();
            browser.signIn(SharedServer.baseUri(), person.username(), person.password());
            driver.get(SharedServer.baseUri().resolve("/account.xhtml").toString());
            assertThat(lang(driver)).isEqualTo("en");
            driver.findElement(By.cssSelector(".ov-languages a[lang='zh-Hant-TW']")).click();
            browser.waitUpTo(WAIT).until(d -> "zh-Hant-TW".equals(lang(d)));
        }
        // another browser (another cookie jar) asking for Russian: the account's choice wins once signed in
        try (Browser browser = Browser.open("--accept-lang=ru", "--lang=ru")) {
            WebDriver driver = browser.driver();
            driver.get(SharedServer.baseUri().resolve("/sign-in.xhtml").toString());
            assertThat(lang(driver)).as("before signing in: the browser's").isEqualTo("ru");
            browser.signIn(SharedServer.baseUri(), person.username(), person.password());
            driver.get(SharedServer.baseUri().resolve("/account.xhtml").toString());
            assertThat(lang(driver)).as("signed in: the account's").isEqualTo("zh-Hant-TW");
            driver.findElement(By.id("account:signOut")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("sign-in"));
            assertThat(lang(driver)).as("and this browser remembers it").isEqualTo("zh-Hant-TW");
        }
    }

    @Test
    void theDeviceTestAsksWhetherTheSoundWasHeardAndKeepsOnlyTheAnswer() {
        try (Browser browser = Browser.open("--accept-lang=ru", "--lang=ru", "--autoplay-policy=no-user-gesture-required")) {
            WebDriver driver = browser.driver();
            driver.get(SharedServer.baseUri().resolve("/device-test").toString());
            assertThat(driver.findElement(By.id("dtHeard")).isDisplayed()).as("no question before a sound").isFalse();
            driver.findElement(By.id("dtSpeaker")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("dtHeard")));
            assertThat(driver.findElement(By.id("dtHeardQuestion")).getText()).isEqualTo("Вы услышали звук?");
            assertThat(driver.findElements(By.cssSelector("#dtResults li[data-check=speaker]")))
                    .as("nothing is said about the speaker before the person answers").isEmpty();
            driver.findElement(By.id("dtHeardNo")).click();
            By speaker = By.cssSelector("#dtResults li[data-check=speaker]");
            browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(speaker));
            assertThat(driver.findElement(speaker).getAttribute("data-outcome")).isEqualTo("notHeard");
            assertThat(driver.findElement(speaker).getText()).startsWith("Вы не услышали тестовый звук");
            assertThat(driver.findElement(By.id("dtHeard")).isDisplayed()).isFalse();
            browser.screenshot("languages-ru-device-test-not-heard");
        }
    }

    private static String lang(WebDriver driver) {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.documentElement.lang");
    }

    /**
     * The clinician's visit page (video first, launched from the sandbox's EHR screen) and, in a second browser, the
     * page of a patient who opens the link long before the appointment (appt-1009 is a month ahead).
     */
    private void visitPages(Browser browser, String[] language, List<String> problems) {
        WebDriver driver = browser.driver();
        driver.get(SharedServer.sandboxUri().resolve("ehr").toString());
        driver.findElement(By.partialLinkText("Okafor")).click();
        browser.waitUpTo(WAIT).until(d -> !d.findElements(By.id("launch")).isEmpty());
        driver.findElements(By.cssSelector("select[name=app] option")).stream()
                .filter(o -> o.getAttribute("value").equals("openvisit")).findFirst().orElseThrow().click();
        driver.findElement(By.cssSelector("button[name=appointment][value=appt-1009]")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().matches(".*/visit/[0-9a-f-]{36}$"));
        String visit = java.net.URI.create(driver.getCurrentUrl()).getPath();
        page(browser, language, "visit", visit, "controls", problems);
        java.net.URI link = java.net.URI.create(driver.findElement(By.id("patientLink")).getAttribute("value"));
        try (Browser patient = Browser.open("--accept-lang=" + language[0], "--lang=" + language[0])) {
            page(patient, language, "lobby-early", link.getRawPath() + "?" + link.getRawQuery(), "early", problems);
        }
    }

    private void page(Browser browser, String[] language, String name, String path, String expectedId,
                      List<String> problems) {
        page(browser, language, name, path, null, expectedId, problems);
    }

    /** The page as it is after pressing {@code clickId} on it (a second state of one page), when that is not null. */
    private void page(Browser browser, String[] language, String name, String path, String clickId, String expectedId,
                      List<String> problems) {
        WebDriver driver = browser.driver();
        driver.get(SharedServer.baseUri().resolve(path).toString());
        String where = name + " in " + language[0] + ": ";
        try {
            browser.waitUpTo(WAIT).until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState")
                    .equals("complete"));
            if (clickId != null) {
                browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id(clickId))).click();
                browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(expectedId)));
                browser.waitUpTo(WAIT).until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState")
                        .equals("complete"));
            }
            if (expectedId != null) {
                browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(expectedId)));
            }
        } catch (RuntimeException notThatPage) {
            problems.add(where + "did not show (" + driver.getTitle() + ")");
            return;
        } finally {
            browser.screenshot("languages-" + language[0] + "-" + name);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String lang = (String) js.executeScript("return document.documentElement.lang");
        if (!language[1].equals(lang)) {
            problems.add(where + "lang is " + lang);
        }
        // what a page marks translate="no" (a person's or an organization's name, an identifier) is data, not text
        String text = (String) js.executeScript("""
                const copy = document.body.cloneNode(true);
                copy.querySelectorAll('[translate=no], .ui-helper-hidden-accessible select').forEach(e => e.remove());
                document.body.appendChild(copy);
                copy.style.position = 'absolute';
                const visible = copy.innerText;
                copy.remove();
                let parts = [document.title, visible];
                document.querySelectorAll('[title]:not([translate=no]),[placeholder],[aria-label],input[type=submit],input[type=button]')
                    .forEach(e => parts.push('title=' + (e.getAttribute('title') || ''),
                                             'placeholder=' + (e.getAttribute('placeholder') || ''),
                                             'aria-label=' + (e.getAttribute('aria-label') || ''),
                                             e.matches('input[type=submit],input[type=button]') ? e.value : ''));
                return parts.join('\\n');""");
        if (text.contains("???")) {
            problems.add(where + "a text is missing (???)");
        }
        if (!"en".equals(language[0])) {
            Set<String> english = englishWords(text);
            if (!english.isEmpty()) {
                problems.add(where + "English left: " + english + " in: " + around(text, english));
            }
        }
        for (String violation : Axe.seriousViolations(js)) {
            problems.add(where + "axe-core: " + violation);
        }
        for (String refusal : browser.securityPolicyRefusals()) {
            problems.add(where + "Content-Security-Policy refused: " + refusal);
        }
    }

    /** Latin words of two letters or more that are neither product names nor the test's own data. */
    static Set<String> englishWords(String text) {
        String stripped = ATTRIBUTE_LABEL.matcher(URL.matcher(text).replaceAll(" ")).replaceAll(" ");
        // test data: generated usernames first, whole (their random hex part can hold letters such as "de")
        stripped = stripped.replaceAll("lang\\.\\w+-[0-9a-f]+", " ").replace("Cardiology", " ");
        for (String data : List.of(organizationName, admin.username(), "lang.analyst", SharedServer.ADMIN_USERNAME)) {
            stripped = stripped.replace(data, " ");
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher m = LATIN_WORD.matcher(stripped);
        while (m.find()) {
            if (!NAMES.contains(m.group())) {
                words.add(m.group());
            }
        }
        return words;
    }

    /** Each word with a little of the text around it, to find it on the page. */
    private static List<String> around(String text, Set<String> words) {
        List<String> found = new ArrayList<>();
        for (String word : words) {
            int at = text.indexOf(word);
            found.add(text.substring(Math.max(0, at - 30), Math.min(text.length(), at + word.length() + 30))
                    .replace('\n', ' '));
        }
        return found;
    }
}
