package org.openvisit.sandbox.admin;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.LaunchStyle;
import org.openvisit.sandbox.fault.FaultSwitch;
import org.openvisit.sandbox.oauth.TokenLifetimes;
import org.openvisit.sandbox.web.Html;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;

import static org.openvisit.sandbox.web.Html.escape;

/** The admin page, {@code /admin}: edit app registrations, see context-link keys, switch faults on and off. */
@WebServlet("/admin")
public class AdminPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient AppRegistry apps;
    @Inject
    private transient AppOrigin appOrigin;
    @Inject
    private transient FaultSwitch faults;
    @Inject
    private transient TokenLifetimes lifetimes;
    @Inject
    private transient Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        StringBuilder html = new StringBuilder("<p>FHIR base (iss): <code>").append(escape(origin.fhirBase()))
                .append("</code>; <code>{origin}</code> in the URLs below is <code>")
                .append(escape(appOrigin.resolve(AppOrigin.PLACEHOLDER, origin.origin()))).append("</code>.</p><h2>Apps</h2>");
        for (AppRegistration app : apps.all()) {
            html.append(appForm(app, request.getContextPath()));
        }
        html.append(appForm(null, request.getContextPath()));
        html.append("<h2>Fault switch (FHIR API)</h2><p>Now: <code>").append(escape(FaultJson.toJson(faults.current()).toString()))
                .append("</code></p><form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"fault\">")
                .append("<select name=\"mode\"><option>NONE</option>");
        Arrays.stream(org.openvisit.sandbox.fault.Fault.Mode.values()).forEach(m -> html.append("<option>").append(m).append("</option>"));
        html.append("</select> for <input name=\"seconds\" size=\"4\"> s, at most <input name=\"count\" size=\"4\"> requests; ")
                .append("Retry-After <input name=\"retryAfterSeconds\" size=\"3\" value=\"2\"> s; hang <input name=\"hangSeconds\" size=\"3\" value=\"30\"> s ")
                .append("<button type=\"submit\">Apply</button></form>")
                .append("<h2>Lifetimes</h2><p>Authorization code ").append(lifetimes.authorizationCode().toSeconds())
                .append(" s, access token ").append(lifetimes.accessToken().toSeconds()).append(" s (set with the admin API).</p>");
        Html.write(response, 200, "Sandbox administration", request.getContextPath(), html.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if ("fault".equals(request.getParameter("action"))) {
                applyFault(request);
            } else {
                String clientId = request.getParameter("clientId").trim();
                JsonObjectBuilder json = Json.createObjectBuilder()
                        .add("name", request.getParameter("name"))
                        .add("kind", request.getParameter("kind"))
                        .add("launchStyle", request.getParameter("launchStyle"))
                        .add("redirectUris", Json.createArrayBuilder(Arrays.stream(request.getParameter("redirectUris").split("\\s+"))
                                .filter(s -> !s.isBlank()).toList()));
                for (String field : new String[] {"launchUrl", "contextLinkUrl", "jwksUrl", "contextKeyId", "contextKey"}) {
                    String value = request.getParameter(field);
                    boolean keyField = field.startsWith("contextKey");
                    if (value != null && !value.isBlank()) {
                        json.add(field, value.trim());
                    } else if (!keyField) {
                        json.addNull(field);
                    }
                }
                apps.save(AppRegistrationJson.merge(clientId, apps.find(clientId).orElse(null), json.build()));
            }
            response.sendRedirect(request.getContextPath() + "/admin");
        } catch (RuntimeException e) {
            Html.write(response, 400, "Not saved", request.getContextPath(), "<p class=\"error\">" + escape(String.valueOf(e.getMessage()))
                    + "</p><p><a href=\"" + request.getContextPath() + "/admin\">Back</a></p>");
        }
    }

    private void applyFault(HttpServletRequest request) {
        String mode = request.getParameter("mode");
        if ("NONE".equals(mode)) {
            faults.clear();
            return;
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("mode", mode);
        for (String field : new String[] {"seconds", "count", "retryAfterSeconds", "hangSeconds"}) {
            String value = request.getParameter(field);
            if (value != null && !value.isBlank()) {
                json.add(field, Integer.parseInt(value.trim()));
            }
        }
        faults.set(FaultJson.fromJson(json.build(), clock.instant()));
    }

    private static String appForm(AppRegistration app, String base) {
        boolean adding = app == null;
        StringBuilder html = new StringBuilder("<form method=\"post\" action=\"").append(base).append("/admin\"><table>")
                .append("<tr><th colspan=\"2\">").append(adding ? "New app" : escape(app.clientId())).append("</th></tr>");
        row(html, "Client id", adding ? "<input name=\"clientId\" size=\"40\">"
                : "<input type=\"hidden\" name=\"clientId\" value=\"" + escape(app.clientId()) + "\"><code>" + escape(app.clientId()) + "</code>");
        row(html, "Name", input("name", adding ? "" : app.name()));
        row(html, "Client kind", select("kind", adding ? "PUBLIC" : app.kind().name(), "PUBLIC", "CONFIDENTIAL_ASYMMETRIC"));
        row(html, "Launch style", select("launchStyle", adding ? LaunchStyle.SMART_EHR_LAUNCH.name() : app.launchStyle().name(),
                LaunchStyle.SMART_EHR_LAUNCH.name(), LaunchStyle.CONTEXT_LINK.name()));
        row(html, "Launch URL (SMART)", input("launchUrl", adding ? "" : app.launchUrl()));
        row(html, "Context link URL", input("contextLinkUrl", adding ? "" : app.contextLinkUrl()));
        row(html, "Redirect URIs (one a line)", "<textarea name=\"redirectUris\" rows=\"3\" cols=\"60\">"
                + (adding ? "" : escape(String.join("\n", app.redirectUris()))) + "</textarea>");
        row(html, "JWKS URL", input("jwksUrl", adding ? "" : app.jwksUrl()));
        if (!adding && app.jwks() != null) {
            row(html, "Inline JWKS", "<code>" + escape(app.jwks()) + "</code> (set with the admin API)");
        }
        row(html, "Context-link key id", input("contextKeyId", adding ? "" : app.contextKeyId()));
        row(html, "Context-link key (AES-256, base64)", input("contextKey", adding ? "" : app.contextKey()));
        return html.append("<tr><td></td><td><button type=\"submit\">Save</button></td></tr></table></form><br>").toString();
    }

    private static void row(StringBuilder html, String label, String field) {
        html.append("<tr><td>").append(escape(label)).append("</td><td>").append(field).append("</td></tr>");
    }

    private static String input(String name, String value) {
        return "<input name=\"" + name + "\" size=\"60\" value=\"" + escape(value) + "\">";
    }

    private static String select(String name, String selected, String... options) {
        StringBuilder html = new StringBuilder("<select name=\"" + name + "\">");
        for (String option : options) {
            html.append("<option").append(option.equals(selected) ? " selected" : "").append(">").append(option).append("</option>");
        }
        return html.append("</select>").toString();
    }
}
