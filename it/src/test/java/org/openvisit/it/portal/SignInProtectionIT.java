package org.openvisit.it.portal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.JsfForm;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.PortalClient;
import org.openvisit.it.tenant.TenantApi.User;
import org.openvisit.it.tenant.TenantApi;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing passwords over the wire (issue 20): over HTTP Basic and the portal's sign-in form, an account's failures
 * make the next attempt wait (refused unchecked, even with the right password) and then lock it; an operator
 * unlocks it in the portal; every outcome is in the audit log with the username and never the password; weak
 * passwords are refused when an account is made. The shared server waits 3 s from the 4th failure and locks at
 * the 6th (see SharedServer). With a second factor (TOTP): set up in the portal, then asked after the password; a
 * wrong or replayed code counts as a failed sign-in; a recovery code works once; HTTP Basic is refused for the
 * account; an operator resets it.
 */
class SignInProtectionIT {

    private static String organization;

    @BeforeAll
    static void organization() {
        organization = TenantApi.organization(TenantApi.unique("Throttle clinic"));
    }

    private static HttpResponse<String> api(String username, String password) {
        return TenantApi.get(new User(username, password), "/api/organizations/" + organization + "/users");
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void basicAuthFailuresMakeTheAccountWaitThenLockItAndAnOperatorUnlocksIt() throws Exception {
        User admin = TenantApi.user(TenantApi.OPERATOR, organization, "Guessed", "ORG_ADMIN");
        String wrong = "wrong-" + UUID.randomUUID();
        for (int i = 1; i <= 4; i++) {
            assertThat(api(admin.username(), wrong).statusCode()).as("failure " + i).isEqualTo(401);
        }
        // the 4th failure makes the account wait: even the right password is not checked now
        HttpResponse<String> waiting = api(admin.username(), admin.password());
        assertThat(waiting.statusCode()).isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 4));
        assertThat(waiting.body()).contains("Too many failed sign-ins").doesNotContain(admin.password());

        sleep(3_100);
        assertThat(api(admin.username(), wrong).statusCode()).as("failure 5").isEqualTo(401);
        sleep(3_100);
        assertThat(api(admin.username(), wrong).statusCode()).as("failure 6 locks").isEqualTo(401);
        sleep(3_100);
        assertThat(api(admin.username(), admin.password()).statusCode()).as("locked (for minutes), the right password too")
                .isEqualTo(429);

        // the operator's portal lists the account and unlocks it
        PortalClient operator = new PortalClient();
        operator.signIn(SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
        HttpResponse<String> locks = operator.get("/sign-in-locks.xhtml");
        assertThat(locks.statusCode()).isEqualTo(200);
        String shown = admin.username().toLowerCase(java.util.Locale.ROOT); // usernames are case-insensitive
        assertThat(locks.body()).contains("Locked sign-ins", shown);
        unlock(operator, locks.body(), shown);
        assertThat(operator.get("/sign-in-locks.xhtml").body()).doesNotContain(shown);
        assertThat(api(admin.username(), admin.password()).statusCode()).as("unlocked").isEqualTo(200);
        // in the organization's audit trail: who unlocked whom (written once the unlock committed)
        String unlockedEvents = "";
        for (int i = 0; i < 10 && !unlockedEvents.contains("user " + shown); i++) {
            sleep(500);
            unlockedEvents = TenantApi.get(TenantApi.OPERATOR, "/api/organizations/" + organization
                    + "/audit-events?kind=SIGN_IN_UNLOCKED").body();
        }
        assertThat(unlockedEvents).contains("user " + shown, SharedServer.ADMIN_USERNAME, "\"code\":\"110137\"");

        String log = SharedServer.logText();
        assertThat(log).contains("Sign-in failed: user " + admin.username() + " from ")
                .contains("the account is locked for").contains("Sign-in refused unchecked")
                .contains("Sign-in lockout lifted: user " + admin.username().toLowerCase(java.util.Locale.ROOT))
                .contains("Sign-in succeeded: user " + admin.username())
                .doesNotContain(wrong).doesNotContain(admin.password());
    }

    /** Presses the row's Unlock button as a browser does (a plain form post with the view state). */
    private static void unlock(PortalClient operator, String page, String username) {
        String row = java.util.Arrays.stream(page.split("<tr")).filter(r -> r.contains(username)).findFirst()
                .orElseThrow();
        Matcher button = Pattern.compile("name=\"(locks:locked:\\d+:unlock)\"").matcher(row);
        assertThat(button.find()).as("an Unlock button in the row of " + username).isTrue();
        Matcher viewState = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(page);
        assertThat(viewState.find()).isTrue();
        Matcher action = Pattern.compile("<form id=\"locks\"[^>]*action=\"([^\"]*)\"").matcher(page);
        assertThat(action.find()).isTrue();
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("locks", "locks");
        form.put(button.group(1), "");
        form.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":").replace("&amp;", "&"));
        form.put(JsfForm.NONCE_FIELD, JsfForm.nonce(page));
        HttpResponse<String> pressed = operator.postForm(PortalClient.resolve(action.group(1).replace("&amp;", "&")), form);
        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
        assertThat(pressed.body()).contains("is unlocked");
    }

    @Test
    void thePortalFormSaysToWaitAndAnUnknownUsernameIsThrottledAlike() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        PortalClient browser = new PortalClient();
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> failed = browser.trySignIn(nobody, "a wrong password " + i);
            assertThat(failed.statusCode()).as("failure " + i).isEqualTo(200);
            assertThat(failed.body()).contains("The username or password is wrong.");
        }
        HttpResponse<String> waiting = browser.trySignIn(nobody, "a wrong password 5");
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.body()).contains("Please wait").contains("seconds, then try again")
                .doesNotContain("a wrong password 5");

        HttpResponse<String> russian = new PortalClient().speaking("ru").trySignIn(nobody, "a wrong password 6");
        assertThat(russian.body()).contains("Подождите");
    }

    @Test
    void aLongUsernameWithLineBreaksIsLoggedOnOneBoundedLine() throws Exception {
        String forged = "x\r\n2026-01-01 INFO [forged] Sign-in succeeded: user operator" + "y".repeat(500);
        assertThat(api(forged, "whatever it is").statusCode()).isEqualTo(401);
        String log = SharedServer.logText();
        assertThat(log).doesNotContain("\n2026-01-01 INFO [forged]").doesNotContain("y".repeat(100));
        Matcher line = Pattern.compile("Sign-in failed: user x\\?\\?2026-01-01 INFO \\[forged][^\\n]*").matcher(log);
        assertThat(line.find()).as("the forged username on one line").isTrue();
    }

    @Test
    void weakPasswordsAreRefusedWhenAnAccountIsMade() {
        for (String weak : new String[] {"aaaaaaaaaaaa", "123456789012", "Password2024!", "iloveyou1234"}) {
            HttpResponse<String> refused = TenantApi.post(TenantApi.OPERATOR, "/api/organizations/" + organization
                    + "/users", TenantApi.userBody(TenantApi.unique("Weak"), "Weak person", weak, "EHR_ANALYST"));
            assertThat(refused.statusCode()).as(weak).isEqualTo(400);
            assertThat(refused.body()).as(weak).containsAnyOf("many people use", "repeated");
        }
    }

    // ---- second factor (TOTP, RFC 6238) ----

    private static final Pattern SECRET = Pattern.compile("<p id=\"secondFactor:secret\"[^>]*>([A-Z2-7 ]+)</p>|<p id=\"secret\"[^>]*>([A-Z2-7 ]+)</p>");
    private static final Pattern RECOVERY = Pattern.compile("<li>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</li>");

    @Test
    void aSecondFactorIsSetUpThenAskedAfterThePasswordWrongAndReplayedCodesCountAndARecoveryCodeWorksOnce()
            throws Exception {
        User admin = TenantApi.user(TenantApi.OPERATOR, organization, "Totp", "ORG_ADMIN");
        PortalClient browser = new PortalClient();
        browser.signIn(admin.username(), admin.password());

        // set up: the page shows the key (and a QR code as an image in a data: URI), a current code turns it on
        HttpResponse<String> page = browser.get("/second-factor.xhtml");
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> started = press(browser, page.body(), "secondFactor", "secondFactor:begin", Map.of());
        assertThat(started.body()).contains("src=\"data:image/svg+xml;base64,").contains("otpauth://totp/OpenVisit");
        Matcher shown = SECRET.matcher(started.body());
        assertThat(shown.find()).as("the key in groups of four").isTrue();
        byte[] secret = base32(shown.group(shown.group(1) != null ? 1 : 2));
        assertThat(press(browser, started.body(), "secondFactor", "secondFactor:confirm",
                Map.of("secondFactor:code", wrongCode(secret))).body())
                .as("a wrong code does not turn it on").contains("That code is not right");
        long enrolStep = org.openvisit.identity.application.TotpCodes.step(java.time.Instant.now());
        HttpResponse<String> confirmed = press(browser, started.body(), "secondFactor", "secondFactor:confirm",
                Map.of("secondFactor:code", code(secret, enrolStep - currentStep())));
        assertThat(confirmed.body()).contains("Sign-in codes are on");
        java.util.List<String> recovery = new java.util.ArrayList<>();
        Matcher codes = RECOVERY.matcher(confirmed.body());
        while (codes.find()) {
            recovery.add(codes.group(1));
        }
        assertThat(recovery).hasSize(10);
        assertThat(browser.get("/second-factor.xhtml").body()).as("shown once").doesNotContain(recovery.get(0))
                .contains("Recovery codes left: 10");

        // HTTP Basic: the right password is not enough for this account
        HttpResponse<String> basic = api(admin.username(), admin.password());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("second factor").contains("reports token").doesNotContain(admin.password());

        // sign-in: the password leads to the code page, which signs nobody in by itself
        PortalClient other = new PortalClient();
        HttpResponse<String> afterPassword = other.trySignIn(admin.username(), admin.password());
        assertThat(PortalClient.location(afterPassword)).contains("/sign-in-code.xhtml");
        assertThat(other.get("/endpoints.xhtml").statusCode()).as("not signed in yet").isEqualTo(302);
        HttpResponse<String> codePage = other.get("/sign-in-code.xhtml");
        assertThat(codePage.body()).contains("autocomplete=\"one-time-code\"").contains("inputmode=\"numeric\"");
        assertThat(currentStep()).as("the test ran within the window").isLessThanOrEqualTo(enrolStep + 1);
        HttpResponse<String> replayed = press(other, codePage.body(), "code", "code:submit",
                Map.of("code:value", code(secret, enrolStep - currentStep())));
        assertThat(replayed.statusCode()).as("the enrolment's code again").isEqualTo(200);
        assertThat(replayed.body()).contains("That code is not right, or it was used already");
        HttpResponse<String> signedIn = press(other, replayed.body(), "code", "code:submit",
                Map.of("code:value", code(secret, enrolStep + 1 - currentStep())));
        assertThat(PortalClient.location(signedIn)).doesNotContain("sign-in");
        assertThat(other.get("/endpoints.xhtml").statusCode()).as("signed in").isEqualTo(200);

        // the same code in another browser: replayed, refused and counted
        PortalClient third = new PortalClient();
        assertThat(PortalClient.location(third.trySignIn(admin.username(), admin.password())))
                .contains("/sign-in-code.xhtml");
        HttpResponse<String> replayedAgain = press(third, third.get("/sign-in-code.xhtml").body(), "code", "code:submit",
                Map.of("code:value", code(secret, enrolStep + 1 - currentStep())));
        assertThat(replayedAgain.body()).contains("used already");
        HttpResponse<String> wrong = press(third, replayedAgain.body(), "code", "code:submit",
                Map.of("code:value", wrongCode(secret)));
        assertThat(wrong.body()).contains("That code is not right");

        // a recovery code signs in once (and the success clears the two failures)
        HttpResponse<String> recovered = press(third, wrong.body(), "recovery", "recovery:submit",
                Map.of("recovery:value", recovery.get(0).toUpperCase(java.util.Locale.ROOT)));
        assertThat(PortalClient.location(recovered)).contains("/second-factor.xhtml?recovered=9");
        assertThat(third.get("/second-factor.xhtml?recovered=9").body()).contains("You signed in with a recovery code");
        PortalClient fourth = new PortalClient();
        assertThat(PortalClient.location(fourth.trySignIn(admin.username(), admin.password())))
                .contains("/sign-in-code.xhtml");
        assertThat(press(fourth, fourth.get("/sign-in-code.xhtml").body(), "recovery", "recovery:submit",
                Map.of("recovery:value", recovery.get(0))).body()).as("used already").contains("That code is not right");

        String log = SharedServer.logText();
        assertThat(log).contains("Second factor turned on: user " + admin.username())
                .contains("Sign-in password accepted, second factor asked: user " + admin.username())
                .contains("Sign-in failed: user " + admin.username() + " from ")
                .contains("by portal (second factor)")
                .contains("Recovery code used: user " + admin.username() + ", 9 left")
                .doesNotContain(new String(java.util.Base64.getEncoder().encode(secret)))
                .doesNotContain(shown.group(shown.group(1) != null ? 1 : 2).replace(" ", ""))
                .doesNotContain(recovery.get(1));

        // an operator resets it: the password alone signs in again
        PortalClient operator = new PortalClient();
        operator.signIn(SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);
        HttpResponse<String> reset = press(operator, operator.get("/sign-in-locks.xhtml").body(), "reset", "reset:submit",
                Map.of("reset:username", admin.username()));
        assertThat(reset.body()).contains("are removed");
        new PortalClient().signIn(admin.username(), admin.password());
        assertThat(api(admin.username(), admin.password()).statusCode()).isEqualTo(200);
        assertThat(SharedServer.logText()).contains("Second factor reset: user " + admin.username() + " by operator "
                + SharedServer.ADMIN_USERNAME);
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() throws Exception {
        User admin = TenantApi.user(TenantApi.OPERATOR, organization, "TotpGuess", "ORG_ADMIN");
        PortalClient browser = new PortalClient();
        browser.signIn(admin.username(), admin.password());
        HttpResponse<String> started = press(browser, browser.get("/second-factor.xhtml").body(), "secondFactor",
                "secondFactor:begin", Map.of());
        Matcher shown = SECRET.matcher(started.body());
        assertThat(shown.find()).isTrue();
        byte[] secret = base32(shown.group(shown.group(1) != null ? 1 : 2));
        assertThat(press(browser, started.body(), "secondFactor", "secondFactor:confirm",
                Map.of("secondFactor:code", code(secret, 0))).body()).contains("Sign-in codes are on");

        PortalClient guesser = new PortalClient();
        assertThat(PortalClient.location(guesser.trySignIn(admin.username(), admin.password())))
                .contains("/sign-in-code.xhtml");
        String body = guesser.get("/sign-in-code.xhtml").body();
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> failed = press(guesser, body, "code", "code:submit", Map.of("code:value", wrongCode(secret)));
            assertThat(failed.body()).as("wrong code " + i).contains("That code is not right");
            body = failed.body();
        }
        // the 4th failure makes the account wait: even the right code is not checked now
        HttpResponse<String> waiting = press(guesser, body, "code", "code:submit",
                Map.of("code:value", code(secret, 1)));
        assertThat(waiting.body()).contains("Please wait");
        // and the password sign-in waits too: a right password no longer clears the count
        assertThat(guesser.trySignIn(admin.username(), admin.password()).body()).contains("Please wait");
    }

    private static long currentStep() {
        return org.openvisit.identity.application.TotpCodes.step(java.time.Instant.now());
    }

    /** The app's code {@code offset} steps from now. */
    private static String code(byte[] secret, long offset) {
        return new org.openvisit.identity.application.TotpCodes().code(secret, currentStep() + offset);
    }

    /** A code that matches none of the steps around now. */
    private static String wrongCode(byte[] secret) {
        java.util.Set<String> valid = java.util.Set.of(code(secret, -1), code(secret, 0), code(secret, 1), code(secret, 2));
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", (123457 + n * 7919) % 1_000_000);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static byte[] base32(String grouped) {
        String text = grouped.replace(" ", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    /** Presses a JSF form's button as a browser does: the form's fields, the button and the page's view state. */
    private static HttpResponse<String> press(PortalClient client, String page, String formId, String button,
                                              Map<String, String> fields) {
        Matcher viewState = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(page);
        assertThat(viewState.find()).as("a view state in " + page).isTrue();
        Matcher action = Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\"[^>]*action=\"([^\"]*)\"").matcher(page);
        assertThat(action.find()).as("the form " + formId + " in " + page).isTrue();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put(formId, formId);
        form.putAll(fields);
        form.put(button, "");
        form.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":").replace("&amp;", "&"));
        form.put(JsfForm.NONCE_FIELD, JsfForm.nonce(page));
        return client.postForm(PortalClient.resolve(action.group(1).replace("&amp;", "&")), form);
    }
}
