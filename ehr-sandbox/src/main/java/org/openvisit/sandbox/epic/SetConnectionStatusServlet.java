package org.openvisit.sandbox.epic;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.fault.Fault;
import org.openvisit.sandbox.fault.FaultSwitch;
import org.openvisit.sandbox.oauth.AccessTokens;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/epic/2019/Telehealth/External/SetConnectionStatus}: the stub of an Epic-style
 * telehealth connection status call. JSON body {@code {ContactID, ContactIDType, EncounterID, Event,
 * ParticipantRole, EventInstant, ExternalEventID}}; a valid bearer access token of this sandbox is
 * required; the fault switch applies as to the FHIR API. A second call with the same ExternalEventID
 * changes nothing and answers {@code {"Success":true,"Duplicate":true}}.
 * {@code GET .../ConnectionStatuses} lists the calls received (for tests; no token).
 */
@WebServlet("/api/epic/2019/Telehealth/External/*")
public class SetConnectionStatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Set<String> EVENTS = Set.of("Waiting", "Admitted", "Connected", "Disconnected", "Left", "Removed",
            "Ended");

    @Inject
    private transient AccessTokens tokens;
    @Inject
    private transient ConnectionStatusLog log;
    @Inject
    private transient FaultSwitch faults;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/ConnectionStatuses") && request.getMethod().equals("GET")) {
            JsonArrayBuilder all = Json.createArrayBuilder();
            log.all().forEach(all::add);
            JsonResponses.write(response, 200, all.build());
            return;
        }
        if (!path.equals("/SetConnectionStatus") || !request.getMethod().equals("POST")) {
            JsonResponses.error(response, 404, "not_found", "Unknown call");
            return;
        }
        Optional<Fault> fault = faults.nextRequest();
        if (fault.isPresent() && apply(fault.get(), response)) {
            return;
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || tokens.find(auth.substring(7).strip()).isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ehr-sandbox\"");
            JsonResponses.error(response, 401, "invalid_token", "A valid bearer access token is required.");
            return;
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            body = reader.readObject();
            String event = body.getString("Event");
            String eventId = body.getString("ExternalEventID");
            body.getString("ContactID");
            Instant.parse(body.getString("EventInstant"));
            if (!EVENTS.contains(event) || eventId.isBlank()) {
                throw new IllegalArgumentException("Event must be one of " + EVENTS);
            }
            boolean added = log.add(eventId, body);
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("Success", true)
                    .add("Duplicate", !added).build());
        } catch (JsonException | NullPointerException | ClassCastException | IllegalArgumentException
                 | java.time.format.DateTimeParseException e) {
            JsonResponses.error(response, 400, "invalid_request", "Body: ContactID, ContactIDType, EncounterID, Event, "
                    + "ParticipantRole, EventInstant (ISO-8601), ExternalEventID.");
        }
    }

    /** @return true when the fault answered the request */
    private static boolean apply(Fault fault, HttpServletResponse response) throws IOException {
        switch (fault.mode()) {
            case ERROR -> JsonResponses.error(response, 500, "server_error", "Fault switch: ERROR");
            case DOWN -> JsonResponses.error(response, 503, "unavailable", "Fault switch: DOWN");
            case RATE_LIMITED -> {
                response.setHeader("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
                JsonResponses.error(response, 429, "rate_limited", "Fault switch: RATE_LIMITED");
            }
            case HANG -> {
                try {
                    Thread.sleep(fault.hang().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        }
        return true;
    }
}
