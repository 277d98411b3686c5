package org.openvisit.it.foundation;

import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security headers, the session cookie and the smaller findings of issue 20, on the wire of the shared server.
 */
class WireHardeningIT {

    private static URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }

    private static String one(HttpResponse<String> response, String name) {
        List<String> values = response.headers().allValues(name);
        assertThat(values).as(name + " exactly once").hasSize(1);
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
        assertThat(csp).contains("script-src 'self' 'unsafe-inline'"); // PrimeFaces' own widgets, see PageHeaders
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

}
