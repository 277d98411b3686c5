package org.openvisit.ehr.graph;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.graph.GraphFailure.Kind;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Graph (v1.0) for the Teams meeting platform, app-only: create-or-get of an online meeting for an
 * organizer ({@code POST /users/{organizer}/onlineMeetings/createOrGet}), the connection check of the portal, and the
 * meeting's attendance reports ({@code GET .../onlineMeetings/{id}/attendanceReports} and
 * {@code .../attendanceReports/{report}/attendanceRecords}, following {@code @odata.nextLink} for at most
 * {@value #MAX_PAGES} pages).
 * Every request goes through {@link OutboundHttp} (address policy, 5 s to connect, 10 s for an answer, no
 * redirects). Limited retries, chosen so that a clinician's launch waits at most about {@value #MAX_WAIT_SECONDS}
 * seconds in all: at most {@value #ATTEMPTS} attempts on 429 and 5xx, waiting what {@code Retry-After} asks (or 1 s,
 * then 2 s) unless that is longer than the time left, in which case the failure says how long Graph asked to wait.
 * A 401 gets one more attempt with a fresh token. Create-or-get is idempotent per external id, so a retry never makes
 * a second meeting.
 */
public class GraphClient {

    static final int ATTEMPTS = 3;
    static final long MAX_WAIT_SECONDS = 6;
    /** A visit's meeting has a handful of sessions and attendees: more pages than this is not a visit. */
    static final int MAX_PAGES = 10;
    static final String MEETINGS_PERMISSION = "OnlineMeetings.ReadWrite.All";
    static final String ATTENDANCE_PERMISSION = "OnlineMeetingArtifact.Read.All";
    static final String CALL_RECORDS_PERMISSION = "CallRecords.Read.All";
    /** The resource of the call records subscription (Graph v1.0, application permission CallRecords.Read.All). */
    public static final String CALL_RECORDS_RESOURCE = "/communications/callRecords";

    /** Waits between attempts; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final OutboundHttp http;
    private final GraphTokens tokens;
    private final URI graphBase;
    private final Sleeper sleeper;

    public GraphClient(OutboundHttp http, GraphTokens tokens, URI graphBase, Sleeper sleeper) {
        this.http = http;
        this.tokens = tokens;
        this.graphBase = graphBase;
        this.sleeper = sleeper;
    }

    /** The token requests of this client. */
    public GraphTokens tokens() {
        return tokens;
    }

    /**
     * The organizer's online meeting with the request's external id: created (201) on the first call, the same one
     * (200) on every later call.
     *
     * @throws GraphFailure Entra or Graph refused, or could not be reached
     */
    public OnlineMeeting createOrGet(GraphApp app, String organizer, OnlineMeetingRequest meeting) {
        URI uri = URI.create(base() + "/users/" + URLEncoder.encode(organizer, StandardCharsets.UTF_8)
                + "/onlineMeetings/createOrGet");
        String body = JSONObjectUtils.toJSONString(meeting.json());
        OutboundHttp.Answer answer = send(app, organizer, token -> http.postJson(uri, body,
                Map.of("Authorization", "Bearer " + token), "Microsoft Graph's createOrGet of an online meeting"));
        if (answer.status() != 200 && answer.status() != 201) {
            throw refusal(app, organizer, answer, MEETINGS_PERMISSION);
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(answer.body());
            String id = JSONObjectUtils.getString(json, "id");
            String joinWebUrl = JSONObjectUtils.getString(json, "joinWebUrl");
            if (joinWebUrl == null) {
                joinWebUrl = JSONObjectUtils.getString(json, "joinUrl");
            }
            if (id == null || !usableJoinUrl(joinWebUrl)) {
                throw new GraphFailure(Kind.UNEXPECTED, "Microsoft Graph created the meeting but its answer has no "
                        + "usable id and https join URL.");
            }
            String externalId = JSONObjectUtils.getString(json, "externalId");
            return new OnlineMeeting(id, externalId == null ? meeting.externalId() : externalId, joinWebUrl,
                    answer.status() == 201);
        } catch (ParseException e) {
            throw new GraphFailure(Kind.UNEXPECTED, "Microsoft Graph answered createOrGet with something that is not "
                    + "an online meeting (HTTP " + answer.status() + ").");
        }
    }

    /**
     * The attendance reports of the organizer's meeting {@code meetingId} (Graph's id of the online meeting), one per
     * session that is over; none while the first session runs.
     *
     * @throws GraphFailure Entra or Graph refused, or could not be reached
     */
    public java.util.List<AttendanceReport> attendanceReports(GraphApp app, String organizer, String meetingId) {
        java.util.List<AttendanceReport> reports = new java.util.ArrayList<>();
        for (Map<String, Object> item : list(app, organizer, URI.create(meetingBase(organizer, meetingId)
                + "/attendanceReports"), "Microsoft Graph's list of attendance reports")) {
            String id = stringOf(item, "id");
            if (id != null && !id.isBlank()) {
                reports.add(new AttendanceReport(id, instant(stringOf(item, "meetingStartDateTime")),
                        instant(stringOf(item, "meetingEndDateTime"))));
            }
        }
        return reports;
    }

    /**
     * The attendees of one attendance report, without their names or e-mail addresses.
     *
     * @throws GraphFailure Entra or Graph refused, or could not be reached
     */
    public java.util.List<AttendanceRecord> attendanceRecords(GraphApp app, String organizer, String meetingId,
                                                              String reportId) {
        java.util.List<AttendanceRecord> records = new java.util.ArrayList<>();
        for (Map<String, Object> item : list(app, organizer, URI.create(meetingBase(organizer, meetingId)
                + "/attendanceReports/" + segment(reportId) + "/attendanceRecords"),
                "Microsoft Graph's attendance records")) {
            Map<String, Object> identity = objectOf(item, "identity");
            java.util.List<AttendanceRecord.Interval> intervals = new java.util.ArrayList<>();
            Object raw = item.get("attendanceIntervals");
            if (raw instanceof java.util.List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> interval) {
                        Instant join = instant(interval.get("joinDateTime"));
                        if (join != null) { // "when data is lacking" Graph sends null: nothing to record then
                            intervals.add(new AttendanceRecord.Interval(join, instant(interval.get("leaveDateTime"))));
                        }
                    }
                }
            }
            records.add(new AttendanceRecord(identity == null ? null : stringOf(identity, "id"), stringOf(item, "role"),
                    identity == null ? null : stringOf(identity, "tenantId"), intervals));
        }
        return records;
    }

    /**
     * A call record with its sessions, segments and media streams
     * ({@code GET /communications/callRecords/{id}?$expand=sessions($expand=segments)}, then the sessions'
     * {@code sessions@odata.nextLink} pages, at most {@value #MAX_PAGES} in all); empty when Graph no longer has it
     * (404: older than 30 days).
     *
     * @throws GraphFailure Entra or Graph refused (a missing CallRecords.Read.All is
     *                      {@link Kind#CALL_RECORDS_PERMISSION_MISSING}), or could not be reached
     */
    public java.util.Optional<CallRecord> callRecord(GraphApp app, String callRecordId) {
        URI uri = URI.create(base() + "/communications/callRecords/" + segment(callRecordId)
                + "?$expand=sessions($expand=segments)");
        String what = "Microsoft Graph's call record";
        OutboundHttp.Answer answer = send(app, "", token -> http.get(uri, Map.of("Authorization", "Bearer " + token),
                what));
        if (answer.status() == 404) {
            return java.util.Optional.empty();
        }
        if (answer.status() != 200) {
            throw refusal(app, "", answer, CALL_RECORDS_PERMISSION);
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(answer.body());
            java.util.List<Map<String, Object>> sessions = new java.util.ArrayList<>(
                    CallRecordJson.objects(json.get("sessions")));
            String link = JSONObjectUtils.getString(json, "sessions@odata.nextLink");
            for (int page = 1; link != null; page++) {
                if (page >= MAX_PAGES) {
                    throw new GraphFailure(Kind.UNEXPECTED, what + " has more than " + MAX_PAGES + " pages of sessions.");
                }
                URI next = sameService(link, what);
                OutboundHttp.Answer more = send(app, "", token -> http.get(next,
                        Map.of("Authorization", "Bearer " + token), what));
                if (more.status() != 200) {
                    throw refusal(app, "", more, CALL_RECORDS_PERMISSION);
                }
                Map<String, Object> pageJson = JSONObjectUtils.parse(more.body());
                sessions.addAll(CallRecordJson.objects(pageJson.get("value")));
                link = JSONObjectUtils.getString(pageJson, "@odata.nextLink");
            }
            return java.util.Optional.of(CallRecordJson.read(json, sessions));
        } catch (ParseException e) {
            throw new GraphFailure(Kind.UNEXPECTED, what + " is not Graph's JSON (HTTP " + answer.status() + ").");
        }
    }

    /**
     * Subscribes {@code notificationUrl} to Graph's change notifications on {@code resource} ({@code POST /subscriptions},
     * change type {@code created}) until {@code expires}, with {@code clientState} in every notification. Graph checks
     * the notification URL first (it must echo Graph's {@code validationToken} within 10 seconds).
     *
     * @throws GraphFailure Entra or Graph refused ({@link Kind#NOTIFICATION_URL_REFUSED} when the URL did not
     *                      answer Graph's validation), or could not be reached
     */
    public GraphSubscription subscribe(GraphApp app, String resource, URI notificationUrl, String clientState,
                                       Instant expires) {
        URI uri = URI.create(base() + "/subscriptions");
        String body = JSONObjectUtils.toJSONString(Map.of("changeType", "created",
                "notificationUrl", notificationUrl.toString(), "resource", resource,
                "expirationDateTime", expires.toString(), "clientState", clientState));
        OutboundHttp.Answer answer = send(app, "", token -> http.postJson(uri, body,
                Map.of("Authorization", "Bearer " + token), "Microsoft Graph's subscription request"));
        if (answer.status() == 400 && answer.body() != null
                && answer.body().toLowerCase(Locale.ROOT).contains("validation")) {
            throw new GraphFailure(Kind.NOTIFICATION_URL_REFUSED, "Microsoft Graph could not validate OpenVisit's "
                    + "notification address " + notificationUrl + ": it must be reachable from the internet over https "
                    + "and answer within 10 seconds." + seen(answer));
        }
        if (answer.status() != 201 && answer.status() != 200) {
            throw refusal(app, "", answer, CALL_RECORDS_PERMISSION);
        }
        return subscription(answer, "Microsoft Graph's new subscription");
    }

    /**
     * Renews the subscription until {@code expires} ({@code PATCH /subscriptions/{id}}); empty when Graph no longer
     * knows it (404: it expired or was deleted), so a new one is to be made.
     *
     * @throws GraphFailure Entra or Graph refused, or could not be reached
     */
    public java.util.Optional<GraphSubscription> renew(GraphApp app, String subscriptionId, Instant expires) {
        URI uri = URI.create(base() + "/subscriptions/" + segment(subscriptionId));
        String body = JSONObjectUtils.toJSONString(Map.of("expirationDateTime", expires.toString()));
        OutboundHttp.Answer answer = send(app, "", token -> http.patchJson(uri, body,
                Map.of("Authorization", "Bearer " + token), "Microsoft Graph's subscription renewal"));
        if (answer.status() == 404) {
            return java.util.Optional.empty();
        }
        if (answer.status() != 200) {
            throw refusal(app, "", answer, CALL_RECORDS_PERMISSION);
        }
        return java.util.Optional.of(subscription(answer, "Microsoft Graph's renewed subscription"));
    }

    private static GraphSubscription subscription(OutboundHttp.Answer answer, String what) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(answer.body());
            String id = JSONObjectUtils.getString(json, "id");
            Instant expires = instant(json.get("expirationDateTime"));
            if (id == null || id.isBlank() || expires == null) {
                throw new GraphFailure(Kind.UNEXPECTED, what + " has no id or expiry.");
            }
            return new GraphSubscription(id, expires);
        } catch (ParseException e) {
            throw new GraphFailure(Kind.UNEXPECTED, what + " is not Graph's JSON (HTTP " + answer.status() + ").");
        }
    }

    private static String seen(OutboundHttp.Answer answer) {
        String message = "";
        try {
            Map<String, Object> error = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(answer.body()), "error");
            message = error == null ? "" : clean(JSONObjectUtils.getString(error, "message"));
        } catch (ParseException | RuntimeException notGraphError) {
            // the status alone says enough
        }
        return " (Microsoft Graph answered HTTP " + answer.status() + (message.isEmpty() ? "" : ": " + message) + ".)";
    }

    private String meetingBase(String organizer, String meetingId) {
        return base() + "/users/" + segment(organizer) + "/onlineMeetings/" + segment(meetingId);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The {@code value} items of a Graph collection, page after page. */
    private java.util.List<Map<String, Object>> list(GraphApp app, String organizer, URI first, String what) {
        java.util.List<Map<String, Object>> items = new java.util.ArrayList<>();
        URI next = first;
        for (int page = 0; next != null; page++) {
            if (page >= MAX_PAGES) {
                throw new GraphFailure(Kind.UNEXPECTED, what + " has more than " + MAX_PAGES + " pages.");
            }
            URI uri = next;
            OutboundHttp.Answer answer = send(app, organizer, token -> http.get(uri,
                    Map.of("Authorization", "Bearer " + token), what));
            if (answer.status() != 200) {
                throw refusal(app, organizer, answer, ATTENDANCE_PERMISSION);
            }
            try {
                Map<String, Object> json = JSONObjectUtils.parse(answer.body());
                Object value = json.get("value");
                if (!(value instanceof java.util.List<?> list)) {
                    throw new GraphFailure(Kind.UNEXPECTED, what + " came without its list of values.");
                }
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> item = (Map<String, Object>) m;
                        items.add(item);
                    }
                }
                String link = JSONObjectUtils.getString(json, "@odata.nextLink");
                next = link == null ? null : sameService(link, what);
            } catch (ParseException e) {
                throw new GraphFailure(Kind.UNEXPECTED, what + " is not Graph's JSON (HTTP " + answer.status() + ").");
            }
        }
        return items;
    }

    /** A next-page link must stay on the configured Graph address: the token is never sent anywhere else. */
    private URI sameService(String link, String what) {
        URI uri = URI.create(link);
        if (!link.startsWith(base() + "/")) {
            throw new GraphFailure(Kind.UNEXPECTED, what + " pointed its next page away from Microsoft Graph ("
                    + uri.getScheme() + "://" + uri.getRawAuthority() + ").");
        }
        return uri;
    }

    private static String stringOf(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOf(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** Graph's DateTimeOffset (e.g. {@code 2021-10-05T04:38:27.6027225Z}), or {@code null}. */
    static Instant instant(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new GraphFailure(Kind.UNEXPECTED, "Microsoft Graph sent a time OpenVisit cannot read: "
                    + clean(text));
        }
    }

    private interface Call {
        OutboundHttp.Answer send(String token);
    }

    private OutboundHttp.Answer send(GraphApp app, String organizer, Call call) {
        long waited = 0;
        boolean freshToken = false;
        for (int attempt = 1; ; attempt++) {
            OutboundHttp.Answer answer;
            try {
                answer = call.send(tokens.accessToken(app));
            } catch (SmartSignInException unreachable) {
                throw new GraphFailure(Kind.UNREACHABLE, "OpenVisit could not reach Microsoft Graph: "
                        + unreachable.getMessage(), null, unreachable);
            }
            int status = answer.status();
            if (status == 401 && !freshToken) {
                tokens.forget(app);
                freshToken = true;
                continue;
            }
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || attempt >= ATTEMPTS) {
                return answer;
            }
            Duration wait = retryAfter(answer).orElse(Duration.ofSeconds(attempt));
            if (waited + wait.toSeconds() > MAX_WAIT_SECONDS) {
                return answer; // longer than a launch can wait: the failure says how long Graph asked for
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            waited += wait.toSeconds();
        }
    }

    private GraphFailure refusal(GraphApp app, String organizer, OutboundHttp.Answer answer, String permission) {
        int status = answer.status();
        String code = "";
        String message = "";
        String requestId = "";
        try {
            Map<String, Object> error = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(answer.body()), "error");
            if (error != null) {
                code = clean(JSONObjectUtils.getString(error, "code"));
                message = clean(JSONObjectUtils.getString(error, "message"));
                Map<String, Object> inner = JSONObjectUtils.getJSONObject(error, "innerError");
                requestId = inner == null ? "" : clean(JSONObjectUtils.getString(inner, "request-id"));
            }
        } catch (ParseException | RuntimeException notGraphError) {
            // the status alone says enough
        }
        String seen = " (Microsoft Graph answered HTTP " + status + (code.isEmpty() ? "" : ", " + code)
                + (message.isEmpty() ? "" : ": " + message) + (requestId.isEmpty() ? "" : "; request-id " + requestId)
                + ".)";
        Duration retryAfter = retryAfter(answer).orElse(null);
        Kind permissionKind = CALL_RECORDS_PERMISSION.equals(permission) ? Kind.CALL_RECORDS_PERMISSION_MISSING
                : Kind.PERMISSION_MISSING;
        if (status == 401) {
            return new GraphFailure(permissionKind, "Microsoft Graph did not accept the app's token. Give "
                    + "the app registration the application permission " + permission + " and grant admin "
                    + "consent for it." + seen);
        }
        if (status == 403) {
            if (message.toLowerCase(Locale.ROOT).contains("access policy")) {
                return new GraphFailure(Kind.NO_ACCESS_POLICY, "No application access policy allows the app "
                        + app.clientId() + " to act on meetings of the organizer " + organizer + ". A Teams "
                        + "administrator runs New-CsApplicationAccessPolicy and Grant-CsApplicationAccessPolicy "
                        + "(see the README); it can take up to 30 minutes to apply." + seen);
            }
            return new GraphFailure(permissionKind, "The app lacks a Microsoft Graph permission: give it the "
                    + "application permission " + permission + " and grant admin consent." + seen);
        }
        if (status == 404) {
            return new GraphFailure(Kind.ORGANIZER_NOT_FOUND, "Microsoft Graph does not know the organizer account "
                    + organizer + " in the tenant " + app.tenantId() + ". Enter the object ID (or user principal "
                    + "name) of a licensed Teams user of that tenant." + seen);
        }
        if (status == 429) {
            return new GraphFailure(Kind.THROTTLED, "Microsoft Graph asked OpenVisit to slow down"
                    + (retryAfter == null ? "" : " for " + retryAfter.toSeconds() + " seconds")
                    + "; try again then." + seen, retryAfter, null);
        }
        if (status >= 500) {
            return new GraphFailure(Kind.SERVICE_DOWN, "Microsoft Graph could not answer just now, even after "
                    + "retries; try again in a few minutes." + seen, retryAfter, null);
        }
        return new GraphFailure(Kind.UNEXPECTED, "Microsoft Graph refused the request." + seen);
    }

    /** An https join URL (Teams'), or plain http on this machine's loopback (a local stand-in for Graph in tests). */
    static boolean usableJoinUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "" : uri.getHost();
            return "https".equalsIgnoreCase(uri.getScheme()) && !host.isEmpty() || "http".equalsIgnoreCase(uri.getScheme())
                    && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private String base() {
        return graphBase.toString().replaceAll("/+$", "");
    }

    /** Retry-After in seconds (Graph sends seconds); an HTTP date or nonsense counts as absent. */
    static java.util.Optional<Duration> retryAfter(OutboundHttp.Answer answer) {
        String value = answer.retryAfter() == null ? "" : answer.retryAfter().strip();
        if (!value.matches("\\d{1,6}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        String c = text.replaceAll("\\p{Cntrl}", " ").strip();
        return c.length() > 300 ? c.substring(0, 300) + "..." : c;
    }
}
