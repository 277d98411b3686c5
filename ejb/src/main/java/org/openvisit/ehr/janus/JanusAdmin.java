package org.openvisit.ehr.janus;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Janus's admin API ({@code POST <admin URL>} with the admin secret): adding and removing the tokens its
 * {@code token_auth} checks on every Janus API request, and the VideoRoom plugin's synchronous requests (create,
 * destroy, allowed, kick, exists, listparticipants) sent as {@code message_plugin}, so the server needs no Janus
 * session of its own. Every request goes through {@link OutboundHttp} (5 s to connect, 10 s for an answer, no
 * redirects, the address checked first). Nothing here logs; no token or secret is in a message.
 */
public final class JanusAdmin {

    public static final String VIDEOROOM = "janus.plugin.videoroom";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutboundHttp http;
    private final URI adminUrl;
    private final String adminSecret;

    public JanusAdmin(OutboundHttp http, URI adminUrl, String adminSecret) {
        this.http = Objects.requireNonNull(http, "http");
        this.adminUrl = Objects.requireNonNull(adminUrl, "adminUrl");
        this.adminSecret = Objects.requireNonNull(adminSecret, "adminSecret");
    }

    /** Lets {@code token} make Janus API requests to the VideoRoom plugin (idempotent: Janus keeps one entry). */
    public void addToken(String token) {
        send(request("add_token").add("token", token).add("plugins", Jsons.createArrayBuilder().add(VIDEOROOM)),
                "add a participant's token");
    }

    /** Takes {@code token} away; a token Janus does not know is not an error (it is gone either way). */
    public void removeToken(String token) {
        try {
            send(request("remove_token").add("token", token), "remove a participant's token");
        } catch (JanusFailure e) {
            if (e.kind() != JanusFailure.Kind.PLUGIN || e.code() != 490) {
                throw e;
            }
        }
    }

    /** The tokens Janus accepts now. */
    public List<String> tokens() {
        JsonObject answer = send(request("list_tokens"), "list the tokens");
        JsonObject data = answer.getJsonObject("data");
        if (data == null || data.getJsonArray("tokens") == null) {
            return List.of();
        }
        return data.getJsonArray("tokens").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("token", "")).toList();
    }

    /**
     * A synchronous VideoRoom request; answers the plugin's response object.
     *
     * @throws JanusFailure {@link JanusFailure.Kind#PLUGIN} with the plugin's error code when it refused
     */
    public JsonObject videoRoom(JsonObjectBuilder body, String what) {
        JsonObject answer = send(request("message_plugin").add("plugin", VIDEOROOM).add("request", body), what);
        JsonObject response = answer.getJsonObject("response");
        if (response == null) {
            throw new JanusFailure(JanusFailure.Kind.PLUGIN, 0, "Janus's VideoRoom plugin gave no answer to " + what
                    + " (is the VideoRoom plugin loaded?).");
        }
        if (response.containsKey("error_code")) {
            int code = response.getInt("error_code", 0);
            throw new JanusFailure(JanusFailure.Kind.PLUGIN, code, "Janus's VideoRoom plugin refused to " + what
                    + ": " + response.getString("error", "error " + code) + " (code " + code + ").");
        }
        return response;
    }

    /** A JSON array of strings. */
    public static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder a = Jsons.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private JsonObjectBuilder request(String janus) {
        byte[] t = new byte[8];
        RANDOM.nextBytes(t);
        return Jsons.createObjectBuilder().add("janus", janus).add("transaction", HexFormat.of().formatHex(t))
                .add("admin_secret", adminSecret);
    }

    private JsonObject send(JsonObjectBuilder request, String what) {
        OutboundHttp.Answer answer;
        try {
            answer = http.postJson(adminUrl, request.build().toString(), Map.of(), "Janus's admin API");
        } catch (SmartSignInException e) {
            String why = switch (e.failure()) {
                case TIMEOUT -> "it did not answer in time";
                case REFUSED_ADDRESS -> "the address is not one OpenVisit sends requests to (plain http only to this "
                        + "server itself; use https for a Janus on another machine)";
                default -> "the connection failed (is Janus running?)";
            };
            throw new JanusFailure(JanusFailure.Kind.UNREACHABLE, 0, "OpenVisit could not reach Janus's admin API at "
                    + adminUrl + " to " + what + ": " + why + ". Check that Janus runs and that "
                    + "openvisit.rooms.sfu.admin-url is right.", e);
        }
        JsonObject body;
        try {
            body = Jsons.createReader(new StringReader(answer.body())).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new JanusFailure(JanusFailure.Kind.UNREACHABLE, answer.status(), "The server at " + adminUrl
                    + " did not answer as Janus's admin API does (HTTP " + answer.status() + ") when asked to " + what
                    + ". Check openvisit.rooms.sfu.admin-url.", e);
        }
        if ("error".equals(body.getString("janus", ""))) {
            JsonObject error = body.getJsonObject("error");
            int code = error == null ? 0 : error.getInt("code", 0);
            String reason = error == null ? "" : error.getString("reason", "");
            if (code == 403) {
                throw new JanusFailure(JanusFailure.Kind.REFUSED, code, "Janus refused OpenVisit's request to " + what
                        + ": the admin secret is wrong. openvisit.rooms.sfu.admin-secret must equal admin_secret in "
                        + "Janus's janus.jcfg.");
            }
            throw new JanusFailure(JanusFailure.Kind.PLUGIN, code, "Janus refused to " + what + ": " + reason
                    + " (code " + code + ").");
        }
        return body;
    }

    /** The string values of a JSON array (e.g. a room's allowed list). */
    public static List<String> values(JsonArray array) {
        return array == null ? List.of() : array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
