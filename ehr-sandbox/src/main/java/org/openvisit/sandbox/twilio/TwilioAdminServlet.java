package org.openvisit.sandbox.twilio;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;

/**
 * The Twilio stand-in's set-up, for demos and tests: {@code GET /twilio-admin/messages?to=+1...} lists the messages
 * taken (sid, from, to, body, status), {@code GET /twilio-admin/numbers} the numbers held, and
 * {@code PUT /twilio-admin/fault?times=2&status=503} makes the next calls of the API fail (429 or 5xx; times 0 stops;
 * {@code GET /twilio-admin/fault} says how many failures are still to come),
 * and {@code POST /twilio-admin/inbound?from=+1...&to=+1...&body=STOP} is a patient's message to a number the account
 * holds, posted signed to its SmsUrl (the answer: that URL's status).
 */
@WebServlet("/twilio-admin/*")
public class TwilioAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient TwilioStubAccount account;

    @Inject
    private transient TwilioWebhooks webhooks;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String to = request.getParameter("to");
        String from = request.getParameter("from");
        String body = request.getParameter("body");
        if (!"/inbound".equals(request.getPathInfo()) || to == null || from == null || body == null) {
            JsonResponses.error(response, 404, "not_found", "POST /twilio-admin/inbound?from=&to=&body=");
            return;
        }
        java.util.Optional<TwilioStubAccount.Held> number = account.numbers().stream()
                .filter(n -> n.phoneNumber().equals(to)).findFirst();
        if (number.isEmpty()) {
            JsonResponses.error(response, 404, "not_found", "The account holds no number " + to);
            return;
        }
        int answered = webhooks.inbound(number.get().accountSid(), number.get(), from, body);
        JsonResponses.write(response, 200, Json.createObjectBuilder().add("smsUrlAnswered", answered).build());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/fault".equals(request.getPathInfo())) {
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("remaining", account.faultsLeft())
                    .build());
            return;
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        if ("/messages".equals(request.getPathInfo())) {
            String to = request.getParameter("to");
            account.messages().stream().filter(m -> to == null || m.to().equals(to))
                    .forEach(m -> list.add(Json.createObjectBuilder().add("sid", m.sid()).add("from", m.from())
                            .add("to", m.to()).add("body", m.body()).add("status", m.status())));
        } else if ("/numbers".equals(request.getPathInfo())) {
            account.numbers().forEach(n -> list.add(Json.createObjectBuilder().add("sid", n.sid())
                    .add("phoneNumber", n.phoneNumber()).add("smsUrl", n.smsUrl() == null ? "" : n.smsUrl())));
        } else {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
            return;
        }
        JsonResponses.write(response, 200, list.build());
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/fault".equals(request.getPathInfo())) {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
            return;
        }
        try {
            int times = Integer.parseInt(request.getParameter("times"));
            int status = Integer.parseInt(request.getParameter("status") == null ? "503" : request.getParameter("status"));
            if (status != 429 && (status < 500 || status > 599)) {
                JsonResponses.error(response, 400, "invalid_request", "status is 429 or 5xx");
                return;
            }
            account.failNext(times, status);
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("times", times).add("status", status)
                    .build());
        } catch (NumberFormatException e) {
            JsonResponses.error(response, 400, "invalid_request", "times (and status) are numbers");
        }
    }
}
