package org.openvisit.sandbox.oauth.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.oauth.AuthorizationError;
import org.openvisit.sandbox.oauth.AuthorizationRequest;
import org.openvisit.sandbox.oauth.AuthorizationService;
import org.openvisit.sandbox.oauth.LaunchContext;
import org.openvisit.sandbox.oauth.Scopes;
import org.openvisit.sandbox.records.People;
import org.openvisit.sandbox.records.Person;
import org.openvisit.sandbox.web.Html;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import static org.openvisit.sandbox.web.Html.escape;

/**
 * The authorize endpoint, {@code /oauth/authorize}. An EHR launch (with {@code launch}) is approved at
 * once, the user being signed in to the EHR already; a standalone launch shows a sign-in page (pick a
 * user, and a patient when {@code launch/patient} is asked for; whether to share {@code fhirUser}, for trying an
 * app against an EHR that does not grant it) which posts back here.
 */
@WebServlet("/oauth/authorize")
public class AuthorizeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuthorizeServlet.class.getName());
    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "aud", "launch", "code_challenge", "code_challenge_method", "nonce");

    @Inject
    private transient AuthorizationService authorization;
    @Inject
    private transient People people;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        try {
            AuthorizationService.Checked checked = authorization.check(AuthorizationRequest.from(request::getParameter),
                    origin.fhirBaseFor(request.getParameter("aud")), origin.origin());
            if (checked.ehrContext() != null) {
                redirect(response, authorization.approve(checked, checked.ehrContext()));
                return;
            }
            Html.write(response, 200, "Sign in to the EHR sandbox", request.getContextPath(), signInForm(request, checked, null));
        } catch (AuthorizationError e) {
            refuse(request, response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        try {
            AuthorizationService.Checked checked = authorization.check(AuthorizationRequest.from(request::getParameter),
                    origin.fhirBaseFor(request.getParameter("aud")), origin.origin());
            if (checked.ehrContext() != null) {
                redirect(response, authorization.approve(checked, checked.ehrContext()));
                return;
            }
            Optional<Person> user = people.find(request.getParameter("user"));
            if (user.isEmpty()) {
                Html.write(response, 400, "Sign in to the EHR sandbox", request.getContextPath(),
                        signInForm(request, checked, "Choose who you are."));
                return;
            }
            String patient = user.get().isPractitioner()
                    ? people.find(request.getParameter("patient")).filter(p -> !p.isPractitioner()).map(Person::id).orElse(null)
                    : user.get().id();
            if (patient == null && Scopes.parse(checked.request().scope()).has("launch/patient")) {
                Html.write(response, 400, "Sign in to the EHR sandbox", request.getContextPath(),
                        signInForm(request, checked, "Choose a patient."));
                return;
            }
            redirect(response, authorization.approve(checked,
                    new LaunchContext(user.get().reference(), patient, null, null, null, true),
                    "withhold".equals(request.getParameter("fhirUser"))));
        } catch (AuthorizationError e) {
            refuse(request, response, e);
        }
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, AuthorizationError e) throws IOException {
        LOG.info(() -> "authorization refused: " + e.error() + ": " + e.getMessage());
        if (e.redirectable()) {
            redirect(response, e.redirectLocation());
        } else {
            Html.write(response, 400, "Authorization refused", request.getContextPath(),
                    "<p class=\"error\"><strong>" + escape(e.error()) + "</strong>: " + escape(e.getMessage()) + "</p>");
        }
    }

    private String signInForm(HttpServletRequest request, AuthorizationService.Checked checked, String problem) {
        StringBuilder html = new StringBuilder();
        if (problem != null) {
            html.append("<p class=\"error\">").append(escape(problem)).append("</p>");
        }
        html.append("<p><strong>").append(escape(checked.client().name())).append("</strong> asks for: <code>")
                .append(escape(checked.request().scope())).append("</code></p>")
                .append("<form method=\"post\" action=\"").append(request.getContextPath()).append("/oauth/authorize\">");
        for (String name : PARAMETERS) {
            if (request.getParameter(name) != null) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(request.getParameter(name))).append("\">");
            }
        }
        html.append("<p><label>I am: <select name=\"user\"><option value=\"\">choose</option>");
        people.practitioners().forEach(p -> option(html, p));
        people.patients().forEach(p -> option(html, p));
        html.append("</select></label> (no password in the sandbox)</p>")
                .append("<p><label>Patient (clinicians only): <select name=\"patient\"><option value=\"\">none</option>");
        people.patients().forEach(p -> option(html, p));
        return html.append("</select></label></p>")
                .append("<p><label>Tell the app who I am: <select name=\"fhirUser\">")
                .append("<option value=\"share\">yes, my FHIR user (fhirUser)</option>")
                .append("<option value=\"withhold\">no, only an account number (no fhirUser)</option>")
                .append("</select></label></p><p><button type=\"submit\">Sign in and allow</button></p></form>").toString();
    }

    private static void option(StringBuilder html, Person person) {
        html.append("<option value=\"").append(escape(person.reference())).append("\">").append(escape(person.displayName()))
                .append(" (").append(escape(person.reference())).append(")</option>");
    }
}
