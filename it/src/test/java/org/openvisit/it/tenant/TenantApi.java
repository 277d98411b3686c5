package org.openvisit.it.tenant;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The organizations, users and endpoints REST API as the tests use it: as a given user, over real HTTP. */
public final class TenantApi {

    /** A portal user the tests created, with the password they chose. */
    public record User(String username, String password) {
        public String authorization() {
            return SharedServer.basic(username, password);
        }
    }

    public static final User OPERATOR = new User(SharedServer.ADMIN_USERNAME, SharedServer.ADMIN_PASSWORD);

    private TenantApi() {
    }

    public static URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static HttpResponse<String> get(User user, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        return Http.send(request);
    }

    public static HttpResponse<String> get(User user, String path) {
        return get(user, at(path));
    }

    public static HttpResponse<String> post(User user, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(at(path))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        return Http.send(request);
    }

    public static HttpResponse<String> put(User user, String path, String ifMatch, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(at(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        return Http.send(request);
    }

    /** Registers an organization as the operator and answers its id. */
    public static String organization(String name) {
        HttpResponse<String> created = post(OPERATOR, "/api/organizations", Json.createObjectBuilder()
                .add("name", name).add("dataRegion", "EMEA").add("ehrVendor", "EPIC").build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }

    public static String userBody(String username, String displayName, String password, String... roles) {
        JsonArrayBuilder roleArray = Json.createArrayBuilder();
        for (String role : roles) {
            roleArray.add(role);
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("username", username).add("roles", roleArray);
        if (displayName != null) {
            body.add("displayName", displayName);
        }
        if (password != null) {
            body.add("password", password);
        }
        return body.build().toString();
    }

    /** Creates a user of the organization through the API, as {@code creator}. */
    public static User user(User creator, String organizationId, String prefix, String... roles) {
        String username = unique(prefix);
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> created = post(creator, "/api/organizations/" + organizationId + "/users",
                userBody(username, prefix + " person", password, roles));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new User(username, password);
    }

    public static String endpointBody(String baseUrl, String environment, String label, String approver, Boolean submit) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (baseUrl != null) {
            body.add("baseUrl", baseUrl);
        }
        if (environment != null) {
            body.add("environment", environment);
        }
        if (label != null) {
            body.add("label", label);
        }
        if (approver != null) {
            body.add("approver", approver);
        }
        if (submit != null) {
            body.add("submit", submit);
        }
        return body.build().toString();
    }

    /** {@link #endpointBody} with {@code "sharedEhr": true}: a URL another organization may use too is a shared EHR. */
    public static String sharedEndpointBody(String baseUrl, String environment, String label, String approver, Boolean submit) {
        JsonObject body = Http.parse(endpointBody(baseUrl, environment, label, approver, submit)).asJsonObject();
        return Json.createObjectBuilder(body).add("sharedEhr", true).build().toString();
    }

    /**
     * Registers an endpoint as {@code admin} and answers it. Confirmed as a shared EHR: the bundled EHR sandbox is
     * one EHR that the development mode's demo organization and many test organizations share.
     */
    public static JsonObject endpoint(User admin, String organizationId, String baseUrl, String environment, String approver,
                               boolean submit) {
        HttpResponse<String> created = post(admin, "/api/organizations/" + organizationId + "/endpoints",
                sharedEndpointBody(baseUrl, environment, "Cardiology", approver, submit));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created);
    }

    /** The endpoint as the given user reads it now. */
    public static JsonObject read(User user, String endpointId) {
        HttpResponse<String> read = get(user, "/api/endpoints/" + endpointId);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return Http.json(read);
    }

    public static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = Http.json(response);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.openvisit.");
    }

    public static String field(HttpResponse<String> problem) {
        return Http.json(problem).getJsonArray("errors").getJsonObject(0).getString("field");
    }

    public static String detail(HttpResponse<String> problem) {
        return Http.json(problem).getString("detail");
    }
}
