package org.openvisit.it.foundation;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics, OpenAPI and the portal root on the shared Payara Micro. */
class ServerEndpointsIT {

    private static URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }

    @Test
    void healthIsUpAndIncludesARealDatabaseCheck() {
        HttpResponse<String> response = Http.getAsOperator(at("/health"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject health = Http.json(response);
        assertThat(health.getString("status")).isEqualTo("UP");
        JsonObject database = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("product")).isEqualTo("H2");
        assertThat(database.getJsonObject("data").getString("schemaVersion")).isNotEqualTo("none");
    }

    @Test
    void livenessAndReadinessAnswerSeparately() {
        JsonObject live = Http.json(Http.get(at("/health/live")));
        assertThat(live.getString("status")).isEqualTo("UP");
        assertThat(live.getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).contains("openvisit").doesNotContain("database");

        JsonObject ready = Http.json(Http.get(at("/health/ready")));
        assertThat(ready.getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).contains("database");
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(at("/metrics")).header("Accept", "text/plain")
                .header("Authorization", SharedServer.operatorAuthorization()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("# TYPE");
    }

    @Test
    void openApiDocumentsTheOrganizationsApi() {
        HttpResponse<String> response = Http.get(at("/openapi"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/organizations").contains("OpenVisit API");
    }

    /**
     * OpenAPI 3 wants each tag once and each operationId once: API gateways and client generators refuse or rename
     * otherwise. Payara listed a tag once per resource class naming it, and took the Java method's name (list, read,
     * save …) as the id.
     */
    @Test
    void openApiNamesEachTagAndEachOperationOnce() {
        JsonObject document = Http.json(Http.send(HttpRequest.newBuilder(at("/openapi"))
                .header("Accept", "application/json")));

        java.util.List<String> tags = document.getJsonArray("tags").getValuesAs(JsonObject.class).stream()
                .map(tag -> tag.getString("name")).toList();
        assertThat(tags).doesNotHaveDuplicates().contains("Organizations", "FHIR endpoints", "SMS", "Reports");
        assertThat(document.getJsonArray("tags").getValuesAs(JsonObject.class))
                .allSatisfy(tag -> assertThat(tag.getString("description", "")).as(tag.getString("name")).isNotBlank());

        java.util.List<String> operationIds = document.getJsonObject("paths").values().stream()
                .flatMap(path -> path.asJsonObject().entrySet().stream())
                .filter(method -> java.util.Set.of("get", "put", "post", "delete", "patch").contains(method.getKey()))
                .map(method -> method.getValue().asJsonObject().getString("operationId")).toList();
        assertThat(operationIds).hasSizeGreaterThan(80).doesNotHaveDuplicates()
                .contains("listOrganizations", "readEndpoint", "retryWriteBackItem");
        java.util.Set<String> used = document.getJsonObject("paths").values().stream()
                .flatMap(path -> path.asJsonObject().values().stream())
                .filter(operation -> operation instanceof JsonObject o && o.containsKey("tags"))
                .flatMap(operation -> operation.asJsonObject().getJsonArray("tags").getValuesAs(
                        jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(tags).as("every tag an operation names is listed").containsAll(used);
    }

    /** How to sign in, as a client generator or Swagger UI's "Authorize" reads it; and the server's address. */
    @Test
    void openApiSaysHowEachCallSignsIn() {
        JsonObject document = Http.json(Http.send(HttpRequest.newBuilder(at("/openapi"))
                .header("Accept", "application/json")));

        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.getJsonObject("portalAccount").getString("scheme")).isEqualTo("basic");
        assertThat(schemes.getJsonObject("reportsToken").getString("scheme")).isEqualTo("bearer");
        assertThat(document.getJsonArray("security").toString()).isEqualTo("[{\"portalAccount\":[]}]");
        JsonObject paths = document.getJsonObject("paths");
        assertThat(paths.getJsonObject("/api/version").getJsonObject("get").getJsonArray("security").toString())
                .as("open: anybody").isEqualTo("[{}]");
        assertThat(paths.getJsonObject("/api/feeds/twilio/inbound").getJsonObject("post").getJsonArray("security")
                .toString()).as("open: Twilio's signature is checked by the call").isEqualTo("[{}]");
        assertThat(paths.getJsonObject("/api/reports/summary").getJsonObject("get").getJsonArray("security").toString())
                .contains("portalAccount", "reportsToken");
        assertThat(paths.getJsonObject("/api/organizations").getJsonObject("get").containsKey("security"))
                .as("the document's own: a portal account").isFalse();
        assertThat(document.getJsonArray("servers").getValuesAs(JsonObject.class))
                .allSatisfy(server -> assertThat(server.getString("url")).doesNotEndWith("/"));
    }

    /** Payara wrote a parameter schema's "unset" annotation defaults as limits (maxItems -2147483648, multipleOf 0). */
    @Test
    void openApiSchemasHoldNoImpossibleLimits() {
        JsonObject document = Http.json(Http.send(HttpRequest.newBuilder(at("/openapi"))
                .header("Accept", "application/json")));
        java.util.List<JsonObject> schemas = new java.util.ArrayList<>();
        collectSchemas(document, schemas);

        assertThat(schemas).as("schemas in the document").hasSizeGreaterThan(50);
        assertThat(schemas).allSatisfy(schema -> {
            assertThat(schema.getJsonNumber("maxItems") == null || schema.getInt("maxItems") >= 0).as("maxItems of %s",
                    schema).isTrue();
            assertThat(schema.getJsonNumber("multipleOf") == null
                    || schema.getJsonNumber("multipleOf").bigDecimalValue().signum() > 0).as("multipleOf of %s", schema)
                    .isTrue();
            assertThat(schema.getJsonNumber("minItems") == null || schema.getJsonNumber("maxItems") == null
                    || schema.getInt("minItems") <= schema.getInt("maxItems")).as("items of %s", schema).isTrue();
        });
    }

    private static void collectSchemas(jakarta.json.JsonValue value, java.util.List<JsonObject> schemas) {
        if (value instanceof JsonObject object) {
            object.forEach((key, inner) -> {
                if (key.equals("schema") && inner instanceof JsonObject schema) {
                    schemas.add(schema);
                }
                collectSchemas(inner, schemas);
            });
        } else if (value instanceof jakarta.json.JsonArray array) {
            array.forEach(inner -> collectSchemas(inner, schemas));
        }
    }

    @Test
    void thePortalRootLeadsToTheOrganizationsScreenBehindTheSignIn() {
        HttpResponse<String> root = Http.get(at("/"));
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/sign-in.xhtml"));

        HttpResponse<String> page = Http.get(at("/organizations.xhtml"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/sign-in.xhtml?next=%2Forganizations.xhtml"));

        HttpResponse<String> signIn = Http.get(at("/sign-in.xhtml"));
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("Sign in to OpenVisit");
    }

    @Test
    void anUnknownPageIsAFriendly404() {
        HttpResponse<String> page = Http.get(at("/no-such-page.xhtml"));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found").doesNotContain("\tat ").doesNotContain("Caused by");
    }

    @Test
    void theServerDoesNotAnnounceItself() {
        HttpResponse<String> response = Http.getAsOperator(at("/api/organizations"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    }
}
