package org.openvisit.it.tenant;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.tenant.TenantApi.OPERATOR;
import static org.openvisit.it.tenant.TenantApi.assertProblem;
import static org.openvisit.it.tenant.TenantApi.detail;
import static org.openvisit.it.tenant.TenantApi.field;
import static org.openvisit.it.tenant.TenantApi.get;
import static org.openvisit.it.tenant.TenantApi.post;
import static org.openvisit.it.tenant.TenantApi.unique;
import static org.openvisit.it.tenant.TenantApi.userBody;

/** The organization users REST API over real HTTP: who may create and list users, and every refusal. */
class UsersApiIT {

    private static final String PASSWORD = "a long enough password";

    private static String organization;
    private static String otherOrganization;
    private static User admin;

    @BeforeAll
    static void organizations() {
        organization = TenantApi.organization(unique("Users Clinic"));
        otherOrganization = TenantApi.organization(unique("Other Users Clinic"));
        admin = TenantApi.user(OPERATOR, organization, "useradmin", "ORG_ADMIN");
    }

    private static String users(String org) {
        return "/api/organizations/" + org + "/users";
    }

    private static long total(String org) {
        return Http.json(get(OPERATOR, users(org) + "?max=1")).getJsonNumber("total").longValue();
    }

    @Test
    void anOperatorCreatesAnAdminWhoCreatesAnAnalystAndNoAnswerHasAPassword() {
        String adminName = unique("Admin");
        HttpResponse<String> created = post(OPERATOR, users(organization),
                userBody(adminName, "Ada Admin", PASSWORD, "org_admin"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject user = Http.json(created);
        assertThat(user.getString("username")).isEqualTo(adminName);
        assertThat(user.getString("displayName")).isEqualTo("Ada Admin");
        assertThat(user.getString("organizationId")).isEqualTo(organization);
        assertThat(user.getJsonArray("roles").getString(0)).isEqualTo("ORG_ADMIN");
        assertThat(user.getBoolean("enabled")).isTrue();
        assertThat(withoutTheChangeFlag(created.body())).doesNotContain(PASSWORD).doesNotContainIgnoringCase("password")
                .doesNotContain("pbkdf2");
        assertThat(user.getBoolean("mustChangePassword")).as("a password chosen at creation need not be changed").isFalse();
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith(users(organization) + "/" + adminName);
        HttpResponse<String> readBack = get(OPERATOR, URI.create(location));
        assertThat(readBack.statusCode()).as(readBack.body()).isEqualTo(200);
        assertThat(Http.json(readBack).getString("username")).isEqualTo(adminName);
        assertProblem(get(OPERATOR, users(otherOrganization) + "/" + adminName), 404);

        User newAdmin = new User(adminName, PASSWORD);
        String analystName = unique("Analyst");
        HttpResponse<String> analyst = post(newAdmin, users(organization),
                userBody(analystName, null, PASSWORD, "EHR_ANALYST", "REPORT_READER"));
        assertThat(analyst.statusCode()).as(analyst.body()).isEqualTo(201);
        assertThat(Http.json(analyst).getString("displayName")).isEqualTo(analystName);

        HttpResponse<String> list = get(newAdmin, users(organization) + "?first=0&max=200");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(Http.json(list).getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(u -> u.getString("username")).contains(adminName, analystName);
        assertThat(withoutTheChangeFlag(list.body())).doesNotContainIgnoringCase("password").doesNotContain("pbkdf2");

        // the new analyst can use the API with the password chosen for them
        HttpResponse<String> asAnalyst = get(new User(analystName, PASSWORD),
                "/api/organizations/" + organization + "/endpoints");
        assertThat(asAnalyst.statusCode()).as(asAnalyst.body()).isEqualTo(200);
    }

    @Test
    void anAdminCannotCreateUsersOfAnotherOrganization() {
        long before = total(otherOrganization);
        HttpResponse<String> response = post(admin, users(otherOrganization),
                userBody(unique("Intruder"), null, PASSWORD, "ORG_ADMIN"));
        assertProblem(response, 403);
        assertThat(detail(response)).isEqualTo("You may only create users of your own organization.");
        assertThat(total(otherOrganization)).isEqualTo(before);
        assertProblem(get(admin, users(otherOrganization)), 403);
        assertProblem(get(admin, users(otherOrganization) + "/" + admin.username()), 403);
    }

    @Test
    void onlyOperatorsAndAdminsListUsersAndAnalystsCreateNone() {
        User analyst = TenantApi.user(admin, organization, "lister", "EHR_ANALYST");
        long before = total(organization);
        HttpResponse<String> list = get(analyst, users(organization));
        assertProblem(list, 403);
        assertThat(detail(list)).contains("Only an operator or an administrator (ORG_ADMIN)");
        assertProblem(post(analyst, users(organization), userBody(unique("Friend"), null, PASSWORD, "ORG_ADMIN")), 403);
        assertThat(total(organization)).isEqualTo(before);
    }

    @Test
    void aDuplicateUsernameInAnyCaseIs409() {
        String name = unique("Twin");
        assertThat(post(admin, users(organization), userBody(name, null, PASSWORD, "EHR_ANALYST")).statusCode())
                .isEqualTo(201);
        long before = total(organization);
        HttpResponse<String> again = post(admin, users(organization),
                userBody(name.toUpperCase(), null, PASSWORD, "EHR_ANALYST"));
        assertProblem(again, 409);
        assertThat(detail(again)).contains("exists already");
        assertThat(total(organization)).isEqualTo(before);
    }

    @Test
    void badInputIs400NamingTheField() {
        long before = total(organization);
        HttpResponse<String> shortPassword = post(admin, users(organization),
                userBody(unique("Short"), null, "short", "EHR_ANALYST"));
        assertProblem(shortPassword, 400);
        assertThat(field(shortPassword)).isEqualTo("password");
        assertThat(shortPassword.body()).doesNotContain("\"short\"");

        HttpResponse<String> unknownRole = post(admin, users(organization),
                userBody(unique("Role"), null, PASSWORD, "SUPERUSER"));
        assertProblem(unknownRole, 400);
        assertThat(field(unknownRole)).isEqualTo("roles");
        assertThat(detail(unknownRole)).contains("ORG_ADMIN, EHR_ANALYST, REPORT_READER");

        HttpResponse<String> operator = post(OPERATOR, users(organization),
                userBody(unique("Op"), null, PASSWORD, "OPERATOR"));
        assertProblem(operator, 400);
        assertThat(field(operator)).isEqualTo("roles");

        HttpResponse<String> noRoles = post(admin, users(organization), userBody(unique("Roleless"), null, PASSWORD));
        assertProblem(noRoles, 400);
        assertThat(detail(noRoles)).isEqualTo("Give the user at least one role.");

        HttpResponse<String> noPassword = post(admin, users(organization),
                userBody(unique("Nopass"), null, null, "EHR_ANALYST"));
        assertProblem(noPassword, 400);

        HttpResponse<String> spaces = post(admin, users(organization),
                userBody("two words", null, PASSWORD, "EHR_ANALYST"));
        assertProblem(spaces, 400);
        assertThat(Http.json(spaces).getString("detail")).contains("no spaces");

        assertProblem(post(admin, users(organization), "[]"), 400);
        assertThat(total(organization)).isEqualTo(before);
    }

    @Test
    void unknownOrganizationsAndUnauthenticatedCallers() {
        HttpResponse<String> unknown = post(OPERATOR, users(java.util.UUID.randomUUID().toString()),
                userBody(unique("Ghost"), null, PASSWORD, "EHR_ANALYST"));
        assertProblem(unknown, 400);
        assertThat(field(unknown)).isEqualTo("organizationId");
        assertProblem(get(OPERATOR, "/api/organizations/not-a-uuid/users"), 404);

        long before = total(organization);
        HttpResponse<String> anonymous = post(null, users(organization),
                userBody(unique("Anon"), null, PASSWORD, "ORG_ADMIN"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get(null, users(organization)).statusCode()).isEqualTo(401);
        assertThat(total(organization)).isEqualTo(before);
    }

    /** An answer without its one word about passwords that is no password: whether one must be changed. */
    private static String withoutTheChangeFlag(String json) {
        return json.replaceAll("\"mustChangePassword\":(true|false)", "");
    }
}
