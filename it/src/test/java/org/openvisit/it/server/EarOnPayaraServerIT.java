package org.openvisit.it.server;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.TestDatabase;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.PayaraServerDomain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EAR as hospital IT deploys it: a fresh Payara Server 6 domain, OpenVisit pointed at a
 * PostgreSQL database by system properties alone, {@code asadmin deploy openvisit.ear}, and the
 * same HTTP answers as on Payara Micro.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EarOnPayaraServerIT {

    private static final String ADMIN_PASSWORD = "ear-" + UUID.randomUUID();

    private TestDatabase database;
    private PayaraServerDomain domain;

    @BeforeAll
    void deployTheEar() throws IOException {
        Path output = Path.of(System.getProperty("openvisit.it.output", "target"));
        Path ear = Path.of(System.getProperty("openvisit.artifacts", "target/artifacts"), "openvisit.ear");
        assertThat(ear).exists();
        database = TestDatabase.postgres();
        domain = PayaraServerDomain.create(Path.of(System.getProperty("payara.server.home")), output, List.of(
                "-Dopenvisit.db.url=" + database.url(),
                "-Dopenvisit.db.user=" + TestDatabase.POSTGRES_USER,
                "-Dopenvisit.db.password=unused-with-trust-auth",
                "-Dopenvisit.admin.password=" + ADMIN_PASSWORD));
        domain.start();
        String deployed = domain.deploy(ear, "openvisit");
        assertThat(deployed).contains("deployed");
    }

    @AfterAll
    void undeployAndStop() throws IOException {
        try {
            if (domain != null) {
                domain.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void healthIsUpWithThePostgresDatabaseChecked() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(domain.httpUri().resolve("/health"))
                .header("Authorization", operator()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject database = Http.json(response).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("product")).isEqualTo("PostgreSQL");
    }

    @Test
    void theOrganizationsApiWorksFromTheEar() {
        URI organizations = domain.httpUri().resolve("/api/organizations");
        String name = "EAR Hospital " + UUID.randomUUID();

        HttpResponse<String> created = Http.send(HttpRequest.newBuilder(organizations).header("Authorization", operator())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"" + name + "\",\"dataRegion\":\"AMERICAS\",\"ehrVendor\":\"ORACLE_HEALTH\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonObject page = Http.json(Http.send(HttpRequest.newBuilder(organizations).header("Authorization", operator())));
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(o -> o.getString("name")).contains(name);

        HttpResponse<String> bad = Http.send(HttpRequest.newBuilder(organizations).header("Authorization", operator())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"\"}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void thePortalAnswersFromTheEarBehindItsSignIn() {
        HttpResponse<String> page = Http.get(domain.httpUri().resolve("/organizations.xhtml"));
        assertThat(page.statusCode()).isEqualTo(302);
        HttpResponse<String> signIn = Http.get(domain.httpUri().resolve("/sign-in.xhtml"));
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("Sign in to OpenVisit");
        assertThat(Http.get(domain.httpUri().resolve("/api/organizations")).statusCode()).isEqualTo(401);
    }

    @Test
    void metricsAndTheHealthReportAreForOperatorsWhileTheProbesStayOpen() {
        // Payara Server serves its MicroProfile endpoints inside the EAR's root web module, as Payara Micro does
        for (String path : List.of("/metrics", "/metrics/application", "/health")) {
            HttpResponse<String> anonymous = Http.get(domain.httpUri().resolve(path));
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).doesNotContain("# TYPE");
        }
        HttpResponse<String> metrics = Http.send(HttpRequest.newBuilder(domain.httpUri().resolve("/metrics"))
                .header("Accept", "text/plain").header("Authorization", operator()));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
        for (String probe : List.of("/health/live", "/health/ready")) {
            HttpResponse<String> open = Http.get(domain.httpUri().resolve(probe));
            assertThat(open.statusCode()).as(probe).isEqualTo(200);
            assertThat(Http.json(open).getString("status")).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void aTooLargeBodyGetsOpenVisitsOwnRefusalAndNoAnswerNamesTheServer() throws IOException {
        java.util.regex.Pattern serverName = java.util.regex.Pattern.compile("(?i)payara|glassfish|grizzly|\\d+\\.\\d{4}\\.\\d+");
        String tooLarge = Http.rawPost(domain.httpUri(), "/api/organizations", 2 * 1_048_576L, "application/json",
                "Authorization: " + operator());
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .doesNotContainPattern(serverName).doesNotContainIgnoringCase("\nServer:");
        HttpResponse<String> notFound = Http.get(domain.httpUri().resolve("/no-such-page.xhtml"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).doesNotContainPattern(serverName);
        assertThat(notFound.headers().firstValue("Server")).isEmpty();
        assertThat(notFound.headers().firstValue("X-Powered-By")).isEmpty();
    }

    private static String operator() {
        return org.openvisit.it.support.SharedServer.basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void theServerLogHasNoDeploymentErrors() throws IOException {
        String log = Files.readString(domain.serverLog());
        assertThat(log).contains("openvisit was successfully deployed");
        // the EHR layer checked at start that the Nimbus versions the server supplies suit the OAuth SDK (Payara
        // Server 6.2025.9 gives the EAR its own JOSE 10.4.2, not the copy in the EAR); a mismatch stops the deployment
        assertThat(log).containsPattern("EHR layer: Nimbus OAuth 2\\.0 SDK 11\\.30 .*Nimbus JOSE\\+JWT 10\\.(4\\.[2-9]|[5-9])");
        assertThat(log).doesNotContain("SEVERE");
    }
}
