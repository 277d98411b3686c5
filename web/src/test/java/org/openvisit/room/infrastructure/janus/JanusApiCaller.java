package org.openvisit.room.infrastructure.janus;

import jakarta.json.JsonObject;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a browser sends to Janus's API (no media): a session, a VideoRoom handle, a join, and its events. */
final class JanusApiCaller {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI api;
    private final String token;
    long session;
    long handle;

    JanusApiCaller(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    /** Creates a session and a VideoRoom handle; answers Janus's error code, 0 when both worked. */
    int attach() throws Exception {
        JsonObject s = post(api, Jsons.createObjectBuilder().add("janus", "create").build());
        if (!"success".equals(s.getString("janus"))) {
            return s.getJsonObject("error").getInt("code");
        }
        session = s.getJsonObject("data").getJsonNumber("id").longValue();
        JsonObject h = post(URI.create(api + "/" + session), Jsons.createObjectBuilder().add("janus", "attach")
                .add("plugin", "janus.plugin.videoroom").build());
        if (!"success".equals(h.getString("janus"))) {
            return h.getJsonObject("error").getInt("code");
        }
        handle = h.getJsonObject("data").getJsonNumber("id").longValue();
        return 0;
    }

    /** Joins {@code room} as publisher {@code id}; answers the plugin's event ("joined", or its error). */
    JsonObject joinAsPublisher(String room, String id) throws Exception {
        JsonObject ack = post(URI.create(api + "/" + session + "/" + handle), Jsons.createObjectBuilder()
                .add("janus", "message").add("body", Jsons.createObjectBuilder().add("request", "join")
                        .add("ptype", "publisher").add("room", room).add("id", id).add("token", token)).build());
        if ("error".equals(ack.getString("janus"))) {
            return ack;
        }
        return nextEvent(Duration.ofSeconds(5));
    }

    /** The next plugin event of the session (long poll), or an empty object when none came in time. */
    JsonObject nextEvent(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/" + session + "?maxev=1&token="
                    + token)).timeout(Duration.ofSeconds(35)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.body().isBlank()) {
                last = r.statusCode();
                Thread.sleep(100);
                continue;
            }
            JsonObject e = Jsons.createReader(new StringReader(r.body())).readObject();
            if (e.containsKey("plugindata")) {
                return e.getJsonObject("plugindata").getJsonObject("data");
            }
            if ("error".equals(e.getString("janus", ""))) {
                return e;
            }
        }
        return Jsons.createObjectBuilder().add("lastStatus", last).build();
    }

    private JsonObject post(URI uri, JsonObject body) throws Exception {
        String text = jakarta.json.Json.createObjectBuilder(body).add("transaction", Long.toString(System.nanoTime()))
                .add("token", token).build().toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
        return Jsons.createReader(new StringReader(r.body())).readObject();
    }
}
