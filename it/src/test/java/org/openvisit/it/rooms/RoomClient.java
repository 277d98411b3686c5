package org.openvisit.it.rooms;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser without a screen: its own cookies (so its own HTTP session), redirects followed by
 * hand, and signalling sockets (the JDK's WebSocket client, which sends the session cookie).
 */
public final class RoomClient {

    private static final Pattern INPUT = Pattern.compile("id=\"(patientLink|guestLink)\" type=\"text\" readonly value=\"([^\"]+)\"");

    // HTTP/1.1 as browsers speak it on http:// (the JDK's default would try a cleartext HTTP/2 upgrade, which no
    // browser does; Grizzly's h2c filter then logged failures on the connections of refused sockets)
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI last;

    public HttpResponse<String> get(URI uri) {
        try {
            last = uri;
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST with this client's cookies ({@code headers}: name, value, name, value…). */
    public HttpResponse<String> post(URI uri, String contentType, String body, String... headers) {
        try {
            last = uri;
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows redirects until a page answers; {@link #last} is where it landed. */
    public HttpResponse<String> follow(URI start) {
        URI next = start;
        for (int hop = 0; hop < 12; hop++) {
            HttpResponse<String> response = get(next);
            if (response.statusCode() / 100 != 3) {
                return response;
            }
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("too many redirects from " + start);
    }

    /** A clinician's SMART launch from the sandbox ("Begin virtual visit"): lands on the visit page. */
    HttpResponse<String> launchAsClinician(String practitioner, String appointment) {
        return follow(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + URLEncoder.encode(practitioner, StandardCharsets.UTF_8) + "&appointment=" + appointment));
    }

    /** The same launch through an endpoint's own launch URL (an organization of its own sharing the sandbox). */
    HttpResponse<String> launchAsClinician(String practitioner, String appointment, String launchUrl) {
        return follow(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + URLEncoder.encode(practitioner, StandardCharsets.UTF_8) + "&appointment=" + appointment
                + "&launchUrl=" + URLEncoder.encode(launchUrl, StandardCharsets.UTF_8)));
    }

    /** The visit id of the page this client landed on ({@code /visit/<id>...}). */
    public String visitId() {
        Matcher m = Pattern.compile("/visit/([0-9a-f-]{36})").matcher(last.getPath());
        if (!m.find()) {
            throw new AssertionError("not on a visit page: " + last);
        }
        return m.group(1);
    }

    /** The patient or guest link shown on a clinician's visit page. */
    public static String link(String providerPage, String which) {
        Matcher m = INPUT.matcher(providerPage);
        while (m.find()) {
            if (m.group(1).equals(which)) {
                return m.group(2).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no " + which + " on the page");
    }

    public Socket socket(String visitId) {
        return socket(visitId, null);
    }

    /** Opens {@code /visit/<id>/signal} with this client's cookies (and an Origin header, when given). */
    public Socket socket(String visitId, String origin) {
        return socket(SharedServer.baseUri(), visitId, origin);
    }

    /** Opens {@code /visit/<id>/signal} on the server at {@code base} (one node of several). */
    public Socket socket(URI base, String visitId, String origin) {
        Socket socket = new Socket();
        URI uri = URI.create(base.toString().replace("http://", "ws://") + "visit/" + visitId + "/signal");
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket.ws = builder.buildAsync(uri, socket).join();
        return socket;
    }

    public static final class Socket implements WebSocket.Listener {

        final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile String closeReason = "";
        WebSocket ws;

        /** One send at a time (the JDK's WebSocket refuses overlapping sends). */
        public synchronized void send(String json) {
            ws.sendText(json, true).join();
        }

        /** The next message matching {@code filter} within 10 s (others are skipped). */
        public JsonObject await(Predicate<JsonObject> filter) {
            return await(filter, Duration.ofSeconds(10));
        }

        /** The next message matching {@code filter} within {@code wait} (others are skipped). */
        public JsonObject await(Predicate<JsonObject> filter, Duration wait) {
            long until = System.nanoTime() + wait.toNanos();
            List<String> skipped = new ArrayList<>();
            try {
                while (System.nanoTime() < until) {
                    JsonObject m = messages.poll(200, TimeUnit.MILLISECONDS);
                    if (m != null && filter.test(m)) {
                        return m;
                    }
                    if (m != null && skipped.size() < 20) {
                        skipped.add(m.getString("type", "?") + (m.containsKey("code") ? " " + m.get("code") : ""));
                    }
                    if (m == null && closed.isDone() && messages.isEmpty()) {
                        throw new AssertionError("the socket closed (" + closed.join() + " " + closeReason
                                + ") before a matching message; it said " + skipped + SharedServer.lastWarnings());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("no matching message within " + wait.toSeconds() + " s; it said " + skipped
                    + SharedServer.lastWarnings());
        }

        public JsonObject await(String type) {
            return await(m -> m.getString("type", "").equals(type));
        }

        /** The close code the server sent, waiting up to 10 s. */
        public int closeCode() {
            try {
                return closed.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the socket was not closed within 10 s", e);
            }
        }

        public synchronized void close() {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = String.valueOf(error);
            closed.complete(-1);
        }
    }
}
