package org.openvisit.sandbox.screen;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Appointment;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.records.People;
import org.openvisit.sandbox.records.Person;
import org.openvisit.sandbox.web.Html;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static org.openvisit.sandbox.web.Html.escape;

/**
 * The EHR screen: {@code /ehr} lists the users, {@code /ehr?user=Practitioner/..} shows that user's schedule;
 * {@code &launchUrl=..} (kept while picking a user) makes its "Begin virtual visit" buttons open that app URL, e.g. an
 * organization's own launch URL where several organizations share this EHR.
 */
@WebServlet("/ehr")
public class EhrScreenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm");

    @Inject
    private transient People people;
    @Inject
    private transient AppRegistry apps;
    @Inject
    private transient ZoneId zone;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getContextPath();
        String launchUrl = request.getParameter("launchUrl");
        String keep = launchUrl == null || launchUrl.isBlank() ? ""
                : "&launchUrl=" + URLEncoder.encode(launchUrl.strip(), StandardCharsets.UTF_8);
        Optional<Person> user = people.find(request.getParameter("user"));
        if (user.isEmpty()) {
            Html.write(response, 200, "Who is signed in to the EHR?", base,
                    "<h2>Clinicians</h2>" + userList(people.practitioners(), base, keep)
                            + "<h2>Patients (patient portal)</h2>" + userList(people.patients(), base, keep));
            return;
        }
        Html.write(response, 200, "Schedule of " + user.get().displayName(), base,
                schedule(user.get(), base, keep.isEmpty() ? null : launchUrl.strip()));
    }

    private static String userList(List<Person> persons, String base, String keep) {
        StringBuilder html = new StringBuilder("<ul>");
        for (Person person : persons) {
            html.append("<li><a href=\"").append(base).append("/ehr?user=").append(escape(person.reference()))
                    .append(escape(keep)).append("\">")
                    .append(escape(person.displayName())).append("</a> <code>").append(escape(person.reference())).append("</code></li>");
        }
        return html.append("</ul>").toString();
    }

    private String schedule(Person user, String base, String launchUrl) {
        List<Appointment> appointments = people.scheduleOf(user.reference());
        String keep = launchUrl == null ? "" : "?launchUrl=" + URLEncoder.encode(launchUrl, StandardCharsets.UTF_8);
        StringBuilder html = new StringBuilder("<p>Signed in as <code>").append(escape(user.reference()))
                .append("</code>. <a href=\"").append(base).append("/ehr").append(escape(keep))
                .append("\">Switch user</a></p>");
        if (launchUrl != null) {
            html.append("<p id=\"launchUrl\">Begin virtual visit opens <code>").append(escape(launchUrl))
                    .append("</code> instead of the app's registered launch URL.</p>");
        }
        html.append("<form method=\"get\" action=\"").append(base).append("/ehr/launch\" id=\"launch\">")
                .append("<input type=\"hidden\" name=\"user\" value=\"").append(escape(user.reference())).append("\">");
        if (launchUrl != null) {
            html.append("<input type=\"hidden\" name=\"launchUrl\" value=\"").append(escape(launchUrl)).append("\">");
        }
        html.append("<label>App: <select name=\"app\">");
        for (AppRegistration app : apps.all()) {
            if (app.launchUrl() != null || app.contextLinkUrl() != null) {
                html.append("<option value=\"").append(escape(app.clientId())).append("\">")
                        .append(escape(app.name())).append(" (").append(app.launchStyle()).append(")</option>");
            }
        }
        html.append("</select></label> <label>Launch behaves: <select name=\"behaviour\" id=\"behaviour\">")
                .append("<option value=\"\">as registered</option>");
        for (org.openvisit.sandbox.apps.LaunchBehaviour behaviour : org.openvisit.sandbox.apps.LaunchBehaviour.values()) {
            html.append("<option value=\"").append(behaviour.name()).append("\">").append(behaviour.name().toLowerCase()
                    .replace('_', ' ')).append("</option>");
        }
        html.append("</select></label><table><tr><th>When</th><th>Appointment</th><th>With</th><th></th></tr>");
        for (Appointment appointment : appointments) {
            String id = appointment.getIdElement().getIdPart();
            String others = appointment.getParticipant().stream().map(p -> p.getActor().getReference())
                    .filter(r -> !r.equals(user.reference()) && !r.startsWith("Location/"))
                    .map(r -> people.find(r).map(Person::displayName).orElse(r)).reduce((a, b) -> a + ", " + b).orElse("");
            html.append("<tr><td>").append(WHEN.format(appointment.getStart().toInstant().atZone(zone)))
                    .append("</td><td>").append(escape(appointment.getDescription())).append(" <code>").append(escape(id))
                    .append("</code></td><td>").append(escape(others))
                    .append("</td><td><button type=\"submit\" name=\"appointment\" value=\"").append(escape(id))
                    .append("\">Begin virtual visit</button></td></tr>");
        }
        if (appointments.isEmpty()) {
            html.append("<tr><td colspan=\"4\">No appointments.</td></tr>");
        }
        return html.append("</table></form>").toString();
    }
}
