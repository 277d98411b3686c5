package org.openvisit.it.portal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.PortalClient;
import org.openvisit.it.tenant.TenantApi;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing passwords over the wire (issue 20): over HTTP Basic and the portal's sign-in form, an account's failures
 * make the next attempt wait (refused unchecked, even with the right password) and then lock it; an operator
 * unlocks it in the portal; every outcome is in the audit log with the username and never the password; weak
 * passwords are refused when an account is made. The shared server waits 3 s from the 4th failure and locks at
 * the 6th (see SharedServer).
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
}
