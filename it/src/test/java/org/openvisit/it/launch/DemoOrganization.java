package org.openvisit.it.launch;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.openvisit.it.support.Http;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo organization that development mode seeds (its endpoint is the sandbox) and its launch audit log. */
final class DemoOrganization {

    private DemoOrganization() {
    }

    static String id() {
        HttpResponse<String> page = Http.getAsOperator(LaunchBrowser.at("/api/organizations?max=200"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return Http.json(page).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("name").equals("Demo Health (EHR sandbox)")).findFirst()
                .orElseThrow(() -> new AssertionError("no demo organization: " + page.body())).getString("id");
    }

    /** Its launch audit rows, newest first. */
    static List<JsonObject> auditRows() {
        HttpResponse<String> rows = Http.getAsOperator(LaunchBrowser.at("/api/organizations/" + id()
                + "/launch-audit?max=200"));
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        return ((JsonArray) Http.parse(rows.body())).getValuesAs(JsonObject.class);
    }
}
