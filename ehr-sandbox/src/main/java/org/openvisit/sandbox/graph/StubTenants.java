package org.openvisit.sandbox.graph;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-in's state, in memory: registered apps (tenant, client, secret or certificate, the organizer they may
 * act for, whether consent and an application access policy were granted), the tokens it issued, and the meetings
 * by organizer and external id.
 */
@ApplicationScoped
public class StubTenants {

    /** An app registration of the stand-in. */
    public record App(String tenantId, String clientId, String secret, X509Certificate certificate, String organizer,
                      boolean consented, boolean accessPolicy, java.util.Set<String> users) {

        public App {
            users = users == null ? java.util.Set.of() : java.util.Set.copyOf(users);
        }

        /** Whether Graph lets the app act for this user: the organizer, or another user the policy covers. */
        public boolean actsFor(String user) {
            return organizer.equalsIgnoreCase(user) || users.stream().anyMatch(u -> u.equalsIgnoreCase(user));
        }
    }

    /** A code of the stand-in's authorize endpoint, until the token endpoint takes it (once). */
    public record SignInCode(String tenantId, String clientId, String redirectUri, String codeChallenge, String nonce,
                             String objectId, Instant expiresAt) {
    }

    /** A meeting made by createOrGet. */
    public record Meeting(String id, String externalId, String subject, String joinWebUrl, String body) {
    }

    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, App> tokens = new ConcurrentHashMap<>();
    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Map<String, jakarta.json.JsonArray> attendance = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attendanceRequestsByMeeting = new ConcurrentHashMap<>();

    private final Map<String, SignInCode> codes = new ConcurrentHashMap<>();
    private final com.nimbusds.jose.jwk.RSAKey signingKey = newKey();

    private static com.nimbusds.jose.jwk.RSAKey newKey() {
        try {
            return new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("stub-entra-" + UUID.randomUUID())
                    .generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key the stand-in signs id_tokens with (its public half is the tenants' JWKS). */
    public com.nimbusds.jose.jwk.RSAKey signingKey() {
        return signingKey;
    }

    /** A new authorization code for a sign-in. */
    public String issueCode(SignInCode code) {
        String value = "stub-code-" + UUID.randomUUID();
        codes.put(value, code);
        return value;
    }

    /** The sign-in of the code, taken out (a code works once). */
    public Optional<SignInCode> takeCode(String code) {
        return Optional.ofNullable(code == null ? null : codes.remove(code));
    }

    public void register(App app) {
        apps.put(app.tenantId() + "|" + app.clientId(), app);
    }

    public boolean knowsTenant(String tenantId) {
        return apps.values().stream().anyMatch(a -> a.tenantId().equals(tenantId));
    }

    public Optional<App> app(String tenantId, String clientId) {
        return Optional.ofNullable(apps.get(tenantId + "|" + clientId));
    }

    /**
     * A new app-only access token for {@code audience} (the scope without {@code /.default}): a JWT as Entra's,
     * carrying the app's granted application permissions in its {@code roles} claim.
     */
    public String issue(App app, String audience) {
        tokenRequests.incrementAndGet();
        String token = StubAccessTokens.sign(signingKey, app, roles(app), audience);
        tokens.put(token, app);
        return token;
    }

    /**
     * The app a token was issued to, as registered now: like Graph, which checks consent and application access
     * policies at each call, a registration changed after the token was issued applies to it.
     */
    public Optional<App> byToken(String token) {
        return Optional.ofNullable(tokens.get(token)).flatMap(a -> app(a.tenantId(), a.clientId()));
    }

    /** The meeting of the organizer's external id, and whether it is new. */
    public synchronized Map.Entry<Meeting, Boolean> createOrGet(String organizer, String externalId,
                                                                 java.util.function.Supplier<Meeting> make) {
        String key = organizer + "|" + externalId;
        Meeting existing = meetings.get(key);
        if (existing != null) {
            return Map.entry(existing, false);
        }
        Meeting made = make.get();
        meetings.put(key, made);
        return Map.entry(made, true);
    }

    /** The organizer's meeting with Graph's id {@code id}. */
    public Optional<Meeting> meeting(String organizer, String id) {
        return meetings.entrySet().stream().filter(e -> e.getKey().startsWith(organizer + "|"))
                .map(Map.Entry::getValue).filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * Sets the meeting's attendance reports, each in Graph's shape with its {@code attendanceRecords} inline (as
     * Graph answers {@code $expand=attendanceRecords}); the stand-in serves them split as Graph does.
     */
    public void attendance(String meetingId, jakarta.json.JsonArray reports) {
        attendance.put(meetingId, reports);
    }

    /** The meeting's attendance reports as set, none before. */
    public jakarta.json.JsonArray attendance(String meetingId) {
        return attendance.getOrDefault(meetingId, jakarta.json.JsonValue.EMPTY_JSON_ARRAY);
    }

    /** How many attendance requests the stand-in answered (reports and records). */
    public int attendanceRequests() {
        return attendanceRequestsByMeeting.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many attendance requests of one meeting the stand-in answered (tests running side by side count their own). */
    public int attendanceRequests(String meetingId) {
        AtomicInteger n = attendanceRequestsByMeeting.get(meetingId);
        return n == null ? 0 : n.get();
    }

    public void countAttendanceRequest(String meetingId) {
        attendanceRequestsByMeeting.computeIfAbsent(meetingId, k -> new AtomicInteger()).incrementAndGet();
    }

    public int meetingsOf(String organizer) {
        return (int) meetings.keySet().stream().filter(k -> k.startsWith(organizer + "|")).count();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** A change-notification subscription the stand-in made (as Graph's {@code subscription} resource). */
    public record Subscription(String id, String tenantId, String clientId, String resource, String notificationUrl,
                               String clientState, Instant expiresAt) {
    }

    /** The application permissions the stand-in knows; an app with consent holds them all unless some are withheld. */
    public static final java.util.List<String> ROLES = java.util.List.of("OnlineMeetings.ReadWrite.All",
            "OnlineMeetingArtifact.Read.All", "CallRecords.Read.All");
    public static final String CALL_RECORDS = "CallRecords.Read.All";

    private final Map<String, java.util.Set<String>> withheld = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, String> callRecords = new ConcurrentHashMap<>();

    private static String appKey(String tenantId, String clientId) {
        return tenantId.toLowerCase(java.util.Locale.ROOT) + "|" + clientId.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The app's admin consent lacks these application permissions from now on (the others of {@link #ROLES} are
     * granted): its next tokens' {@code roles} claim leaves them out and Graph answers 403 to the calls that need them.
     */
    public void withhold(String tenantId, String clientId, java.util.Set<String> roles) {
        withheld.put(appKey(tenantId, clientId), java.util.Set.copyOf(roles));
    }

    /** The application permissions the app holds with admin consent now (none without consent). */
    public java.util.List<String> roles(App app) {
        if (!app.consented()) {
            return java.util.List.of();
        }
        java.util.Set<String> out = withheld.getOrDefault(appKey(app.tenantId(), app.clientId()), java.util.Set.of());
        return ROLES.stream().filter(r -> !out.contains(r)).toList();
    }

    /** Whether the app holds the application permission with admin consent now (Graph checks at each call). */
    public boolean holds(App app, String role) {
        return roles(app).contains(role);
    }

    public boolean mayReadCallRecords(App app) {
        return holds(app, CALL_RECORDS);
    }

    public void subscribe(Subscription subscription) {
        subscriptions.put(subscription.id(), subscription);
    }

    public Optional<Subscription> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    public java.util.List<Subscription> subscriptions() {
        return java.util.List.copyOf(subscriptions.values());
    }

    /** Stores a call record (Graph's JSON, sessions and segments inline) under its id. */
    public void callRecord(String id, String json) {
        callRecords.put(id, json);
    }

    public Optional<String> callRecord(String id) {
        callRecordRequestsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return Optional.ofNullable(callRecords.get(id));
    }

    private final Map<String, AtomicInteger> callRecordRequestsById = new ConcurrentHashMap<>();

    /** How many call record requests the stand-in answered. */
    public int callRecordRequests() {
        return callRecordRequestsById.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many requests of one call record the stand-in answered. */
    public int callRecordRequests(String id) {
        AtomicInteger n = callRecordRequestsById.get(id);
        return n == null ? 0 : n.get();
    }
}
