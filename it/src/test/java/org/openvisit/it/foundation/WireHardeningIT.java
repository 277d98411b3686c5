package org.openvisit.it.foundation;

import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.JsfForm;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.PortalClient;
import org.openvisit.it.tenant.TenantApi;
import org.openvisit.it.tenant.TenantApi.User;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security headers, the session cookie, the operations endpoints and the smaller findings of issue 20, on the wire of
 * the shared server.
 */
class WireHardeningIT {

    private static URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }

    private static String one(HttpResponse<String> response, String name) {
        List<String> values = response.headers().allValues(name);
        assertThat(values).as(name + " exactly once on " + response.uri()).hasSize(1);
        return values.get(0);
    }

    @Test
    void aPortalPageHasThePolicyAndTheOtherHeadersAndNoInlineHandlers() {
        HttpResponse<String> page = Http.get(at("/sign-in.xhtml"));
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = one(page, "Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
                "frame-ancestors 'none'").doesNotContain("'unsafe-eval'").doesNotContain("http:").doesNotContain("https:");
        assertThat(one(page, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(one(page, "Referrer-Policy")).isEqualTo("same-origin");
        assertThat(one(page, "Permissions-Policy")).contains("camera=()", "microphone=()");
        assertThat(one(page, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("development: plain http").isEmpty();
        // PrimeFaces' widgets' inline scripts run by the view's nonce, nothing else inline (PageHeaders, ScriptNonceHeader)
        String nonce = JsfForm.nonce(page.body());
        assertThat(csp).endsWith("script-src 'self' 'nonce-" + nonce + "'").doesNotContain("script-src 'self' 'unsafe-inline'");
        Matcher script = Pattern.compile("<script([^>]*)>").matcher(page.body());
        int scripts = 0;
        while (script.find()) {
            scripts++;
            assertThat(script.group(1)).as("every script of the page carries the nonce").contains("nonce=\"" + nonce + "\"");
        }
        assertThat(scripts).isGreaterThan(3);
        assertThat(page.body()).doesNotContainPattern("\\son[a-z]+=\"");
        // a new page, a new nonce
        assertThat(JsfForm.nonce(Http.get(at("/sign-in.xhtml")).body())).isNotEqualTo(nonce);
    }

    @Test
    void aFormPostWithoutItsPagesNonceChangesNothingAndGetsTheExpiredPage() {
        PortalClient browser = new PortalClient();
        HttpResponse<String> page = browser.get("/sign-in.xhtml");
        String otherPagesNonce = JsfForm.nonce(browser.get("/sign-in.xhtml").body());
        for (String nonce : new String[] {null, otherPagesNonce}) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("signIn", "signIn");
            form.put("signIn:username", SharedServer.ADMIN_USERNAME);
            form.put("signIn:password", SharedServer.ADMIN_PASSWORD);
            form.put("signIn:next", "");
            form.put("signIn:submit", "");
            form.put("jakarta.faces.ViewState", JsfForm.viewState(page.body()));
            if (nonce != null) {
                form.put(JsfForm.NONCE_FIELD, nonce);
            }
            HttpResponse<String> posted = browser.postForm(at("/sign-in.xhtml"), form);
            assertThat(posted.statusCode()).as("nonce " + nonce).isEqualTo(400);
            assertThat(posted.body()).contains("This page has expired").doesNotContain("\tat ", "CSP");
            assertThat(browser.get("/endpoints.xhtml").statusCode()).as("the right password was not even tried")
                    .isIn(302, 303);
        }
    }

    /**
     * Every portal page of the application (read from its source folder, so that a new page is covered the day it is
     * written), asked for without signing in: the security headers on each, never a script allowed inline without the
     * nonce, and no page but the public ones shown to an anonymous caller.
     */
    @Test
    void everyPortalPageHasTheHeadersAndOnlyThePublicOnesAnswerAnAnonymousCaller() throws IOException {
        Set<String> publicPages = Set.of("index.xhtml", "sign-in.xhtml", "sign-in-code.xhtml", "expired.xhtml",
                "error.xhtml", "not-found.xhtml", "forbidden.xhtml", "launch-refused.xhtml");
        List<String> pages;
        try (Stream<Path> files = Files.list(Path.of("..", "web", "src", "main", "webapp"))) {
            pages = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xhtml")).sorted().toList();
        }
        assertThat(pages).as("the portal's pages").hasSizeGreaterThan(20).contains("sign-in.xhtml", "audit.xhtml");
        for (String name : pages) {
            HttpResponse<String> page = Http.get(at("/" + name));
            if (page.statusCode() == 302 || page.statusCode() == 303) {
                // sent to sign in: a redirect shows nothing, so it needs no policy; it must stay on this server
                String location = page.headers().firstValue("Location").orElse("");
                assertThat(location).as(name).contains("/sign-in.xhtml");
                assertThat(at("/").resolve(location).getAuthority()).as(name).isEqualTo(at("/").getAuthority());
                assertThat(page.body()).as(name).doesNotContain("ov-nav");
                continue;
            }
            String csp = one(page, "Content-Security-Policy");
            assertThat(csp).as(name).contains("default-src 'self'", "object-src 'none'", "frame-ancestors")
                    .doesNotContain("script-src 'self' 'unsafe-inline'", "'unsafe-eval'");
            assertThat(one(page, "X-Content-Type-Options")).as(name).isEqualTo("nosniff");
            assertThat(one(page, "Referrer-Policy")).as(name).isNotBlank();
            assertThat(one(page, "Permissions-Policy")).as(name).contains("camera=()");
            assertThat(page.headers().firstValue("Server")).as(name).isEmpty();
            assertThat(page.statusCode()).as(name + " answers, never a server error").isLessThan(500);
            if (!publicPages.contains(name)) {
                assertThat(page.statusCode()).as(name + " is not shown to an anonymous caller").isIn(401, 403);
                assertThat(page.body()).as(name).doesNotContain("ov-nav");
            }
        }
    }

    @Test
    void theSessionCookieCarriesSameSiteAndHttpOnlyOnTheWire() {
        HttpResponse<String> page = Http.get(at("/sign-in.xhtml"));
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("OPENVISIT_SESSION="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("; HttpOnly", "; SameSite=Lax");
    }

    @Test
    void nonJsfPagesGetTheWholePolicyAndTheDeviceTestMayUseTheCamera() {
        HttpResponse<String> deviceTest = Http.get(at("/device-test"));
        assertThat(one(deviceTest, "Content-Security-Policy")).endsWith("script-src 'self'").contains("frame-ancestors");
        assertThat(one(deviceTest, "Permissions-Policy")).contains("camera=(self)", "microphone=(self)");
        assertThat(deviceTest.body()).doesNotContain("<script>").doesNotContainPattern("\\son[a-z]+=\"");
        HttpResponse<String> api = Http.get(at("/api/version"));
        assertThat(one(api, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(one(api, "Permissions-Policy")).contains("camera=()");
    }

    @Test
    void anExpiredSignInFormGetsTheExpiredPageNotAServerError() throws Exception {
        URI signIn = at("/sign-in.xhtml");
        HttpResponse<String> expired = Http.send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + signIn.getPort())
                .POST(HttpRequest.BodyPublishers.ofString("signIn=signIn&signIn%3Ausername=a&signIn%3Apassword=b"
                        + "&signIn%3Asubmit=&jakarta.faces.ViewState=stale-view-state")));
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("This page has expired").doesNotContain("\tat ").doesNotContain("CSP");
    }

    @Test
    void queryParametersAreUtf8() {
        HttpResponse<String> page = Http.get(at("/sign-in.xhtml?next=%2Fendpoints.xhtml%3Fq%3D%C3%BC%E5%BC%A0"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsAnyOf("q=ü张", "q=&uuml;", "q=&#252;").doesNotContain("Ã¼");
    }

    @Test
    void theDatabaseFilesAreTheServersUsersOnly() throws IOException {
        Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        try (Stream<Path> files = Files.list(SharedServer.dataDir())) {
            List<Path> database = files.filter(f -> f.getFileName().toString().endsWith(".db")).toList();
            assertThat(database).isNotEmpty();
            assertThat(database).allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f)).doesNotContainAnyElementsOf(others));
        }
    }


    private static final java.util.regex.Pattern UUID_LIKE =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static HttpResponse<String> getAs(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(at(path)).header("Accept", "text/plain");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    @Test
    void metricsAndTheHealthReportAreForOperatorsOnly() {
        // tenant data that must not leak: an organization with an endpoint
        String organization = TenantApi.organization(TenantApi.unique("Metrics clinic"));
        User admin = TenantApi.user(TenantApi.OPERATOR, organization, "MetricsAdmin", "ORG_ADMIN");
        String endpoint = TenantApi.endpoint(admin, organization, "https://" + TenantApi.unique("metrics-ehr")
                .toLowerCase(java.util.Locale.ROOT) + ".example.org/fhir", "TEST",
                TenantApi.user(TenantApi.OPERATOR, organization, "MetricsAnalyst", "EHR_ANALYST").username(), false)
                .getString("id");
        List<String> guarded = List.of("/metrics", "/metrics/", "/metrics/application", "/metrics/base",
                "/metrics?scope=application", "/metrics/application?scope=application", "/health", "/health/",
                "/health/live/", "/health/well", "/metrics;x=1", "/health/live/../../metrics");
        for (String path : guarded) {
            HttpResponse<String> anonymous = getAs(path, null);
            assertThat(anonymous.statusCode()).as("anonymous " + path).isIn(401, 302);
            assertThat(anonymous.body()).as(path).doesNotContain("# TYPE").doesNotContain("\"checks\"");
        }
        for (String path : List.of("/metrics", "/metrics/application", "/health", "/health/")) {
            HttpResponse<String> anonymous = getAs(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic "));
            assertThat(anonymous.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(one(anonymous, "X-Content-Type-Options")).isEqualTo("nosniff");

            HttpResponse<String> orgAdmin = getAs(path, SharedServer.basic(admin.username(), admin.password()));
            assertThat(orgAdmin.statusCode()).as("ORG_ADMIN " + path).isEqualTo(403);
            assertThat(orgAdmin.body()).as(path).contains("for operators").doesNotContain(endpoint)
                    .doesNotContain("# TYPE");
            assertThat(orgAdmin.headers().allValues("Set-Cookie")).as(path + ": no session").isEmpty();

            // an unknown account each time: wrong passwords would make a real account wait (the sign-in throttle)
            HttpResponse<String> wrongPassword = getAs(path, SharedServer.basic(TenantApi.unique("nobody"), "wrong-password"));
            assertThat(wrongPassword.statusCode()).as(path).isEqualTo(401);
            assertThat(wrongPassword.body()).doesNotContain("# TYPE");
        }
        HttpResponse<String> bearer = getAs("/metrics", "Bearer not-a-metrics-credential");
        assertThat(bearer.statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = getAs("/metrics", SharedServer.operatorAuthorization());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE", "mp_scope=\"base\"");
        HttpResponse<String> health = getAs("/health", SharedServer.operatorAuthorization());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\"", "\"openvisit\"");
    }

    @Test
    void livenessAndReadinessStayOpenWithoutTenantData() {
        String organization = TenantApi.organization(TenantApi.unique("Probe clinic"));
        for (String probe : List.of("/health/live", "/health/ready", "/health/started")) {
            HttpResponse<String> open = Http.get(at(probe));
            assertThat(open.statusCode()).as(probe).isEqualTo(200);
            assertThat(Http.json(open).getString("status")).as(probe).isEqualTo("UP");
            assertThat(open.body()).as(probe).doesNotContain(organization).doesNotContainPattern(UUID_LIKE)
                    .doesNotContain("endpoint");
            assertThat(open.headers().allValues("Set-Cookie")).as(probe).isEmpty();
        }
        assertThat(Http.get(at("/health/ready")).body()).contains("\"database\"");
    }

    /** Words and versions that name the server: none may appear in any answer. */
    private static final java.util.regex.Pattern SERVER_NAME = java.util.regex.Pattern.compile(
            "(?i)payara|glassfish|grizzly|tomcat|jersey|catalina|eclipse|\\b\\d+\\.\\d{4}\\.\\d+\\b");

    private static String rawPost(String path, long declared, String contentType, String... headers) throws IOException {
        return Http.rawPost(SharedServer.baseUri(), path, declared, contentType, headers);
    }

    @Test
    void aTooLargeBodyGetsOpenVisitsOwnRefusalWithoutTheServersName() throws IOException {
        long tooLarge = 2 * 1_048_576L;
        String api = rawPost("/api/organizations", tooLarge, "application/json",
                "Authorization: " + SharedServer.operatorAuthorization());
        assertThat(api).startsWith("HTTP/1.1 413").contains("application/problem+json", "\"status\":413")
                .doesNotContainPattern(SERVER_NAME).doesNotContainIgnoringCase("\nServer:")
                .doesNotContainIgnoringCase("\nX-Powered-By:").containsIgnoringCase("X-Content-Type-Options: nosniff");

        String page = rawPost("/sign-in.xhtml", tooLarge, "application/x-www-form-urlencoded", "Accept-Language: ru");
        assertThat(page).startsWith("HTTP/1.1 413").contains("text/plain", "1 МБ").doesNotContain("<html")
                .doesNotContainPattern(SERVER_NAME).doesNotContainIgnoringCase("\nServer:")
                .doesNotContainIgnoringCase("\nX-Powered-By:");
        assertThat(rawPost("/visit/0f8fad5b-d9cb-469f-a165-70867728950e", tooLarge, "application/json",
                "Accept-Language: zh-TW")).startsWith("HTTP/1.1 413").contains("請求過大").doesNotContainPattern(SERVER_NAME);
        assertThat(rawPost("/no-such-path", 50L * 1_048_576, "application/octet-stream"))
                .startsWith("HTTP/1.1 413").doesNotContainPattern(SERVER_NAME);

        // at the limit the body is read and judged as usual: not JSON, a 400 problem, not a refusal by size
        String atLimit = rawPost("/api/organizations", 1_048_576, "application/json",
                "Authorization: " + SharedServer.operatorAuthorization(), "Connection: close");
        assertThat(atLimit).startsWith("HTTP/1.1 400").contains("application/problem+json");

        // a form without its length (chunked) would be read past OpenVisit's limit by the container: refused
        HttpResponse<String> chunkedForm = Http.send(HttpRequest.newBuilder(at("/sign-in.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("a=b".getBytes()))));
        assertThat(chunkedForm.statusCode()).isEqualTo(411);
        assertThat(chunkedForm.body()).doesNotContainPattern(SERVER_NAME);
    }

    @Test
    void noErrorAnswerNamesTheServer() {
        List<HttpResponse<String>> errors = List.of(Http.get(at("/no-such-page.xhtml")), Http.get(at("/no-such-file.js")),
                Http.get(at("/api/organizations")), Http.get(at("/api/no-such-resource")), Http.get(at("/metrics")),
                Http.getAsOperator(at("/api/organizations/not-a-uuid")), Http.get(at("/WEB-INF/web.xml")),
                Http.send(HttpRequest.newBuilder(at("/api/version")).method("DELETE", HttpRequest.BodyPublishers.noBody())));
        for (HttpResponse<String> error : errors) {
            assertThat(error.statusCode()).as(error.uri().toString()).isGreaterThanOrEqualTo(400);
            assertThat(error.body()).as(error.uri().toString()).doesNotContainPattern(SERVER_NAME);
            assertThat(error.headers().firstValue("Server")).as(error.uri().toString()).isEmpty();
            assertThat(error.headers().firstValue("X-Powered-By")).as(error.uri().toString()).isEmpty();
        }
    }
}
