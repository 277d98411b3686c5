package org.openvisit.it.foundation;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.Organizations;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The organizations REST API over real HTTP on Payara Micro: the happy path and every kind of bad input. */
class OrganizationsApiIT {

    private static URI organizations() {
        return SharedServer.baseUri().resolve("/api/organizations");
    }

    private static String body(String name, String region, String vendor) {
        return "{\"name\":" + (name == null ? "null" : "\"" + name + "\"")
                + ",\"dataRegion\":\"" + region + "\",\"ehrVendor\":\"" + vendor + "\"}";
    }

    /** Other classes register organizations at the same time, so "nothing was created" is checked by name. */
    private static boolean anyNamed(java.util.function.Predicate<String> refusedName) {
        return Organizations.names().stream().anyMatch(refusedName);
    }

    @Test
    void registersReadsAndListsAnOrganization() {
        String name = "Northwind Health " + UUID.randomUUID();
        HttpResponse<String> created = Http.postAsOperator(organizations(), "application/json", body(name, "emea", "EPIC"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject org = Http.json(created);
        assertThat(org.getString("name")).isEqualTo(name);
        assertThat(org.getString("dataRegion")).isEqualTo("EMEA");
        assertThat(org.getString("ehrVendor")).isEqualTo("EPIC");
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/organizations/" + org.getString("id"));

        HttpResponse<String> read = Http.getAsOperator(URI.create(location));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Http.json(read).getString("name")).isEqualTo(name);

        assertThat(Organizations.names()).contains(name);
    }

    @Test
    void aSecondOrganizationWithTheSameNameInAnyCaseIsAConflict() {
        String name = "Harbor Clinic " + UUID.randomUUID();
        assertThat(Http.postAsOperator(organizations(), "application/json", body(name, "APAC", "OTHER_SMART")).statusCode())
                .isEqualTo(201);
        HttpResponse<String> again = Http.postAsOperator(organizations(), "application/json",
                body(name.toUpperCase(), "APAC", "OTHER_SMART"));

        assertProblem(again, 409);
        assertThat(Http.json(again).getString("detail")).contains("registered already");
        assertThat(Organizations.countNamedIgnoringCase(name)).isOne();
    }

    @ParameterizedTest(name = "name {0} is refused")
    @ValueSource(strings = {"", "   ", "A"})
    void blankOrTooShortNamesAre400(String name) {
        HttpResponse<String> response = Http.postAsOperator(organizations(), "application/json", body(name, "AMERICAS", "EPIC"));
        assertProblem(response, 400);
        assertThat(Http.json(response).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
        assertThat(anyNamed(n -> n.strip().length() < 2)).as("an organization with a blank or one-letter name").isFalse();
    }

    @Test
    void missingNameIs400NamingTheField() {
        HttpResponse<String> response = Http.postAsOperator(organizations(), "application/json", body(null, "AMERICAS", "EPIC"));
        assertProblem(response, 400);
        assertThat(Http.json(response).getString("detail")).isEqualTo("The organization name is required.");
    }

    @Test
    void oversizedNameIs400() {
        HttpResponse<String> response = Http.postAsOperator(organizations(), "application/json",
                body("x".repeat(121), "AMERICAS", "EPIC"));
        assertProblem(response, 400);
        assertThat(Http.json(response).getString("detail")).contains("between 2 and 120");

        HttpResponse<String> huge = Http.postAsOperator(organizations(), "application/json",
                body("x".repeat(100_000), "AMERICAS", "EPIC"));
        assertProblem(huge, 400);
        assertThat(anyNamed(n -> n.length() > 120)).as("an organization with a name over 120 characters").isFalse();
    }

    @Test
    void unknownRegionListsTheAcceptedOnes() {
        HttpResponse<String> response = Http.postAsOperator(organizations(), "application/json", body("Mars Clinic", "MARS", "EPIC"));
        assertProblem(response, 400);
        assertThat(Http.json(response).getString("detail")).contains("AMERICAS, EMEA, APAC");
    }

    @Test
    void missingVendorIs400() {
        HttpResponse<String> response = Http.postAsOperator(organizations(), "application/json",
                "{\"name\":\"Vendorless Clinic\",\"dataRegion\":\"EMEA\"}");
        assertProblem(response, 400);
        assertThat(Http.json(response).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("ehrVendor");
    }

    @ParameterizedTest(name = "body {0} is refused")
    @ValueSource(strings = {"{\"name\": \"Broken", "not json at all", "[1,2,3]", "42", "{\"name\": {\"nested\": 1}}"})
    void malformedJsonIs400(String body) {
        assertProblem(Http.postAsOperator(organizations(), "application/json", body), 400);
    }

    @Test
    void emptyBodyIs400() {
        assertProblem(Http.postAsOperator(organizations(), "application/json", ""), 400);
    }

    @Test
    void wrongContentTypeIs415() {
        HttpResponse<String> response = Http.postAsOperator(organizations(), "text/plain", body("Text Clinic", "EMEA", "EPIC"));
        assertProblem(response, 415);
        assertThat(Http.json(response).getString("detail")).contains("application/json");
    }

    @Test
    void unknownOrMalformedIdIs404() {
        assertProblem(Http.getAsOperator(organizations().resolve("organizations/" + UUID.randomUUID())), 404);
        assertProblem(Http.getAsOperator(organizations().resolve("organizations/not-a-uuid")), 404);
    }

    @Test
    void pageSizeOutOfRangeIs400() {
        assertProblem(Http.getAsOperator(URI.create(organizations() + "?max=100000")), 400);
        assertProblem(Http.getAsOperator(URI.create(organizations() + "?first=-1")), 400);
        assertProblem(Http.getAsOperator(URI.create(organizations() + "?max=abc")), 404);
    }

    @Test
    void theMeetingPlatformIsTheBuiltInRoomsAndOnlyPlatformsOfThisInstallationCanBeChosen() {
        String id = Http.json(Http.postAsOperator(organizations(), "application/json",
                body("Platform Clinic " + UUID.randomUUID(), "EMEA", "EPIC"))).getString("id");
        assertThat(Http.json(Http.getAsOperator(URI.create(organizations() + "/" + id))).getString("meetingPlatform"))
                .isEqualTo("builtin-rooms");
        assertThat(Http.getAsOperator(URI.create(organizations() + "/meeting-platforms")).body())
                .isEqualTo("[\"builtin-rooms\",\"microsoft-teams\"]");

        HttpResponse<String> chosen = put(id, "{\"meetingPlatform\":\"builtin-rooms\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(Http.json(chosen).getString("meetingPlatform")).isEqualTo("builtin-rooms");

        HttpResponse<String> unknown = put(id, "{\"meetingPlatform\":\"teams\"}");
        assertProblem(unknown, 400);
        assertThat(unknown.body()).contains("builtin-rooms");
        assertProblem(put(id, "{}"), 400);
        assertProblem(put(UUID.randomUUID().toString(), "{\"meetingPlatform\":\"builtin-rooms\"}"), 404);
        assertThat(Http.json(Http.getAsOperator(URI.create(organizations() + "/" + id))).getString("meetingPlatform"))
                .isEqualTo("builtin-rooms");
    }

    private static HttpResponse<String> put(String id, String json) {
        return Http.send(HttpRequest.newBuilder(URI.create(organizations() + "/" + id + "/meeting-platform"))
                .header("Authorization", SharedServer.operatorAuthorization()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(Http.send(HttpRequest.newBuilder(organizations()).DELETE()
                .header("Authorization", SharedServer.operatorAuthorization())), 405);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = Http.json(response);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.openvisit.");
    }
}
