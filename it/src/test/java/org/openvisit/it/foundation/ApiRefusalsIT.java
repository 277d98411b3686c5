package org.openvisit.it.foundation;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API operation that {@code /openapi} lists (issue 20): an anonymous caller is refused (401) with the security
 * headers on the refusal, and an administrator of one organization gets nothing of another's (400 as for an
 * organization that does not exist, 403 or 404), whatever the method.
 */
class ApiRefusalsIT {

    private static final List<String> OPEN = List.of("/api/version", "/api/reports/jwks");

    private static List<String[]> operations() {
        HttpResponse<String> openapi = Http.send(HttpRequest.newBuilder(SharedServer.baseUri().resolve("/openapi"))
                .header("Accept", "application/json"));
        assertThat(openapi.statusCode()).isEqualTo(200);
        JsonObject paths = Http.json(openapi).getJsonObject("paths");
        List<String[]> operations = new ArrayList<>();
        for (Map.Entry<String, jakarta.json.JsonValue> path : paths.entrySet()) {
            for (String method : path.getValue().asJsonObject().keySet()) {
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.add(new String[] {method.toUpperCase(java.util.Locale.ROOT), path.getKey()});
                }
            }
        }
        assertThat(operations).hasSizeGreaterThan(10);
        return operations;
    }

    private static URI concrete(String template, String organization) {
        String path = template.replace("{organizationId}", organization).replaceAll("\\{[^}]+}",
                "0f8fad5b-d9cb-469f-a165-70867728950e");
        return SharedServer.baseUri().resolve(path.startsWith("/api") ? path : "/api" + path);
    }

    private static HttpResponse<String> call(String method, URI uri, User user) {
        // the feed certificate's upload takes the certificate file itself; every other body is JSON
        boolean certificate = uri.getPath().endsWith("/feed-certificate");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", certificate ? "application/x-pem-file" : "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(certificate ? "-----BEGIN CERTIFICATE-----" : "{}"));
        if (user != null) {
            request.header("Authorization", SharedServer.basic(user.username(), user.password()));
        }
        return Http.send(request);
    }

    @Test
    void anAnonymousCallerIsRefusedEverywhereWithTheSecurityHeaders() {
        String organization = TenantApi.organization(TenantApi.unique("Anonymous target"));
        for (String[] op : operations()) {
            URI uri = concrete(op[1], organization);
            // the EHR's appointment feed and Twilio's webhooks answer anonymous senders by their own signature check
            // (SmsSetupIT, RegionalStoresIT), the EHR's FHIR Subscription notifications by their secret header
            // (FhirSubscriptionIT)
            if (OPEN.contains(uri.getPath()) || uri.getPath().startsWith("/api/feeds/")
                    || uri.getPath().startsWith("/api/fhir/subscriptions/")) {
                continue;
            }
            HttpResponse<String> refused = call(op[0], uri, null);
            assertThat(refused.statusCode()).as(op[0] + " " + op[1]).isEqualTo(401);
            assertThat(refused.headers().firstValue("X-Content-Type-Options")).as(op[1]).hasValue("nosniff");
            assertThat(refused.headers().firstValue("Content-Security-Policy")).as(op[1])
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(refused.headers().allValues("Set-Cookie")).as(op[1] + ": no session for the API").isEmpty();
        }
    }

    @Test
    void anAdministratorOfAnotherOrganizationGetsNothing() {
        String target = TenantApi.organization(TenantApi.unique("Their clinic"));
        String mine = TenantApi.organization(TenantApi.unique("My clinic"));
        User stranger = TenantApi.user(TenantApi.OPERATOR, mine, "Stranger", "ORG_ADMIN");
        User theirAdmin = TenantApi.user(TenantApi.OPERATOR, target, "TheirAdmin", "ORG_ADMIN");
        TenantApi.endpoint(theirAdmin, target, "https://" + TenantApi.unique("their-ehr").toLowerCase(java.util.Locale.ROOT)
                + ".example.org/fhir", "TEST", TenantApi.user(TenantApi.OPERATOR, target, "TheirAnalyst", "EHR_ANALYST").username(),
                false);
        for (String[] op : operations()) {
            if (!op[1].contains("{organizationId}")) {
                continue;
            }
            HttpResponse<String> refused = call(op[0], concrete(op[1], target), stranger);
            if ("GET".equals(op[0]) && op[1].endsWith("/endpoints")) {
                // the documented answer for a list: the same empty page as for an organization that does not exist
                assertThat(refused.statusCode()).as(op[1]).isEqualTo(200);
                assertThat(refused.body()).as(op[1]).contains("\"items\":[]").contains("\"total\":0");
                continue;
            }
            // 400 "there is no organization with the id": another organization's is treated as none at all
            assertThat(refused.statusCode()).as(op[0] + " " + op[1] + ": " + refused.body()).isIn(400, 403, 404);
            assertThat(refused.body()).doesNotContain("Their clinic").doesNotContain("their-ehr");
        }
    }
}
