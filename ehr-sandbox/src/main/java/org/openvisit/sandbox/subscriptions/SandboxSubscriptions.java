package org.openvisit.sandbox.subscriptions;

import org.hl7.fhir.r4.model.Resource;
import org.openvisit.sandbox.records.FhirRecords;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The sandbox EHR's rest-hook Subscriptions to its appointment topic ({@value #APPOINTMENT_TOPIC}): a new one is
 * {@code requested} and gets a handshake POSTed to its endpoint (2xx: {@code active}, else {@code error}); every
 * Appointment version stored (created, changed, cancelled) counts as an event of every active Subscription and is
 * POSTed as an id-only event notification; a heartbeat goes out when nothing was sent for its heartbeat period. Each
 * POST carries the Subscription's {@code channel.header}s. A notification the endpoint refuses puts the Subscription
 * in {@code error} (as the IG lets a server do). One sender thread keeps the order; nothing here blocks a FHIR call.
 * Test hooks: {@link #offered(boolean)} (an EHR without Subscriptions), {@link #skipNext} (an event counted but
 * never sent: a gap), {@link #heartbeatNow}.
 */
public class SandboxSubscriptions implements AutoCloseable {

    public static final String APPOINTMENT_TOPIC = "http://openvisit.org/ehr-sandbox/SubscriptionTopic/appointment";

    private static final Logger LOG = Logger.getLogger(SandboxSubscriptions.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final Map<String, SandboxSubscription> byId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> skips = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(100);
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> daemon(r, "sandbox-rest-hook"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "sandbox-heartbeat"));
    private final Clock clock;
    private volatile boolean offered = true;

    public SandboxSubscriptions(FhirRecords records, Clock clock) {
        this.clock = clock;
        records.onStored(this::stored);
        ticker.scheduleWithFixedDelay(this::heartbeats, 5, 5, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Whether the sandbox offers Subscriptions (false: it behaves like an EHR without them). */
    public boolean offered() {
        return offered;
    }

    public void offered(boolean value) {
        offered = value;
    }

    /** Makes a Subscription ({@code requested}) and sends its handshake soon after. */
    public SandboxSubscription create(String fhirBase, String topic, String endpoint, List<String> headers,
                                      int heartbeatSeconds, Instant end) {
        String id = "sub-" + nextId.incrementAndGet();
        SandboxSubscription s = new SandboxSubscription(id, fhirBase, topic, endpoint, List.copyOf(headers),
                "requested", 0, Math.max(0, heartbeatSeconds), end, null);
        byId.put(id, s);
        sender.execute(() -> handshake(id));
        return s;
    }

    public Optional<SandboxSubscription> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<SandboxSubscription> all() {
        return new ArrayList<>(byId.values());
    }

    public Optional<SandboxSubscription> renew(String id, Instant end) {
        return Optional.ofNullable(byId.computeIfPresent(id, (k, s) -> s.endingAt(end)));
    }

    public boolean delete(String id) {
        return byId.remove(id) != null;
    }

    /** The next {@code n} events of the Subscription are counted but not sent (a gap the subscriber must notice). */
    public boolean skipNext(String id, int n) {
        if (!byId.containsKey(id)) {
            return false;
        }
        skips.computeIfAbsent(id, k -> new AtomicInteger()).addAndGet(n);
        return true;
    }

    /** Sends a heartbeat now; false when there is no such active Subscription. */
    public boolean heartbeatNow(String id) {
        SandboxSubscription s = byId.get(id);
        if (s == null || !"active".equals(s.status())) {
            return false;
        }
        sender.execute(() -> send(id, "heartbeat", null, null));
        return true;
    }

    /** Forgets every Subscription (the admin API's reset). */
    public void clear() {
        byId.clear();
        skips.clear();
        offered = true;
    }

    private void stored(Resource resource) {
        if (!"Appointment".equals(resource.fhirType())) {
            return;
        }
        String appointmentId = resource.getIdElement().getIdPart();
        for (SandboxSubscription s : byId.values()) {
            if (!"active".equals(s.status()) || !APPOINTMENT_TOPIC.equals(s.topic())) {
                continue;
            }
            SandboxSubscription counted = byId.computeIfPresent(s.id(), (k, x) -> x.counted());
            if (counted == null) {
                continue;
            }
            AtomicInteger skip = skips.get(s.id());
            if (skip != null && skip.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                LOG.info(() -> "Sandbox Subscription " + s.id() + ": event " + counted.events() + " dropped (test gap)");
                continue;
            }
            long number = counted.events();
            sender.execute(() -> send(s.id(), "event-notification", number, appointmentId));
        }
    }

    private void handshake(String id) {
        int status = send(id, "handshake", null, null);
        byId.computeIfPresent(id, (k, s) -> s.withStatus(status >= 200 && status < 300 ? "active" : "error"));
    }

    private void heartbeats() {
        try {
            Instant now = clock.instant();
            for (SandboxSubscription s : byId.values()) {
                if ("active".equals(s.status()) && s.heartbeatSeconds() > 0 && (s.lastSent() == null
                        || !s.lastSent().plusSeconds(s.heartbeatSeconds()).isAfter(now))) {
                    sender.execute(() -> send(s.id(), "heartbeat", null, null));
                }
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Sandbox heartbeats: " + e);
        }
    }

    /** POSTs one notification; the HTTP status (0: not reached). A refused event puts the Subscription in error. */
    private int send(String id, String type, Long eventNumber, String appointmentId) {
        SandboxSubscription s = byId.get(id);
        if (s == null) {
            return 0;
        }
        Instant now = clock.instant();
        long since = eventNumber != null ? eventNumber : s.events();
        String body = NotificationBundles.json(s.fhirBase(), s, type, since, eventNumber, "Appointment",
                appointmentId, now);
        int status;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.endpoint()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            for (String header : s.headers()) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
            }
            status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        int answered = status;
        byId.computeIfPresent(id, (k, x) -> x.sentAt(now));
        if ("event-notification".equals(type) && (answered < 200 || answered >= 300)) {
            byId.computeIfPresent(id, (k, x) -> x.withStatus("error"));
        }
        LOG.info(() -> "Sandbox Subscription " + id + ": " + type + (eventNumber == null ? "" : " " + eventNumber)
                + " answered " + answered);
        return answered;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        sender.shutdownNow();
    }
}
