package org.openvisit.room.infrastructure.janus;

import org.openvisit.ehr.janus.JanusAdmin;
import org.openvisit.ehr.janus.JanusFailure;
import org.openvisit.room.application.SfuRooms;
import org.openvisit.room.application.SfuUnavailableException;
import org.openvisit.shared.infrastructure.Jsons;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link SfuRooms} on Janus's VideoRoom plugin, driven through its admin API ({@link JanusAdmin}). One Janus room per
 * visit ({@code visit-<visit id>}, private, {@code require_pvtid} so that a kick also closes the kicked person's
 * subscriptions), with a secret of its own and an {@code allowed} token list. Each admitted person's token is added
 * to Janus's {@code token_auth} (admin {@code add_token}) and to the room's allowed list; removal takes it out of
 * the allowed list, kicks the participant (their publication and subscriptions close; the others hear
 * {@code "kicked"}) and removes the token; the end destroys the room and removes every token.
 * <p>
 * The room secret and the tokens are HMAC-SHA256 values of the visit (and the attendee) under
 * {@code openvisit.rooms.sfu.room-secret}: every node computes the same ones, so nothing is stored, none is ever
 * logged, and a node can revoke what another one gave.
 */
public final class JanusSfuRooms implements SfuRooms {

    private final JanusAdmin admin;
    private final URI browserUrl;
    private final byte[] key;
    private final String createKey;
    private final int meshLimit;
    private final int callLimit;
    private final int watchLimit;

    public JanusSfuRooms(JanusAdmin admin, URI browserUrl, String roomSecret, String createKey, int meshLimit,
                         int callLimit, int watchLimit) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.browserUrl = Objects.requireNonNull(browserUrl, "browserUrl");
        if (roomSecret == null || roomSecret.length() < 16) {
            throw new IllegalArgumentException("openvisit.rooms.sfu.room-secret must have at least 16 characters.");
        }
        this.key = roomSecret.getBytes(StandardCharsets.UTF_8);
        this.createKey = Objects.requireNonNull(createKey, "createKey");
        if (meshLimit < 2 || callLimit <= meshLimit) {
            throw new IllegalArgumentException("The SFU's call limit (" + callLimit + ") must exceed the mesh limit ("
                    + meshLimit + "), which is at least 2.");
        }
        if (watchLimit < callLimit) {
            throw new IllegalArgumentException("The SFU's watch limit (" + watchLimit + ", people in a call in all) "
                    + "must be at least its call limit (" + callLimit + ", people with video).");
        }
        this.meshLimit = meshLimit;
        this.callLimit = callLimit;
        this.watchLimit = watchLimit;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public int meshLimit() {
        return meshLimit;
    }

    @Override
    public int callLimit() {
        return callLimit;
    }

    @Override
    public int watchLimit() {
        return watchLimit;
    }

    @Override
    public Map<String, SfuAccess> open(UUID visitId, Collection<String> attendeeIds) {
        Map<String, SfuAccess> access = new LinkedHashMap<>();
        List<String> tokens = attendeeIds.stream().map(a -> token(visitId, a)).toList();
        guarded("open the group visit's room", () -> {
            tokens.forEach(admin::addToken);
            create(visitId, tokens);
        });
        attendeeIds.forEach(a -> access.put(a, access(visitId, a)));
        return access;
    }

    @Override
    public SfuAccess admit(UUID visitId, String attendeeId) {
        String token = token(visitId, attendeeId);
        guarded("let an admitted person into the group visit's room", () -> {
            admin.addToken(token);
            try {
                admin.videoRoom(secured(visitId, "allowed").add("action", "add")
                        .add("allowed", JanusAdmin.strings(List.of(token))), "allow a participant");
            } catch (JanusFailure e) {
                if (e.code() != 426) { // no such room: make it, with this token allowed
                    throw e;
                }
                create(visitId, List.of(token));
            }
        });
        return access(visitId, attendeeId);
    }

    /**
     * In this order: the room stops allowing the token (no new join or subscription), the participant is kicked (Janus
     * closes their publication and, the room requiring private ids, their subscriptions, and tells the others
     * {@code "kicked"}), then Janus forgets the token (no request at all). Kicking before the token goes lets the kicked
     * page still hear {@code "leaving"} on its session.
     */
    @Override
    public void revoke(UUID visitId, String attendeeId) {
        String token = token(visitId, attendeeId);
        guarded("revoke a removed person's access", () -> {
            ignoring(() -> admin.videoRoom(secured(visitId, "allowed").add("action", "remove")
                    .add("allowed", JanusAdmin.strings(List.of(token))), "disallow a participant"), 426);
            ignoring(() -> admin.videoRoom(secured(visitId, "kick").add("id", attendeeId), "kick a participant"),
                    426, 428);
            admin.removeToken(token);
        });
    }

    @Override
    public void close(UUID visitId, Collection<String> attendeeIds) {
        guarded("close the group visit's room", () -> {
            ignoring(() -> admin.videoRoom(secured(visitId, "destroy"), "destroy the room"), 426);
            attendeeIds.forEach(a -> admin.removeToken(token(visitId, a)));
        });
    }

    /** Whether Janus holds the visit's room now. */
    public boolean exists(UUID visitId) {
        try {
            return admin.videoRoom(Jsons.createObjectBuilder().add("request", "exists").add("room", room(visitId)),
                    "check the room").getBoolean("exists", false);
        } catch (JanusFailure e) {
            throw unavailable("check the group visit's room", e);
        }
    }

    /** The visit's Janus room id. */
    public static String room(UUID visitId) {
        return "visit-" + visitId;
    }

    /** The attendee's token in the visit's SFU room (secret). */
    String token(UUID visitId, String attendeeId) {
        return hmac("token/" + visitId + "/" + attendeeId);
    }

    private void create(UUID visitId, List<String> tokens) {
        try {
            admin.videoRoom(secured(visitId, "create").add("admin_key", createKey)
                    .add("description", "OpenVisit group visit").add("is_private", true).add("permanent", false)
                    .add("require_pvtid", true).add("publishers", watchLimit).add("videocodec", "vp8")
                    .add("audiocodec", "opus").add("bitrate", 768_000).add("fir_freq", 10)
                    .add("notify_joining", false).add("allowed", JanusAdmin.strings(tokens)), "create the room");
        } catch (JanusFailure e) {
            if (e.code() != 427) { // it exists already (another node, a second switch): allow the tokens there
                throw e;
            }
            admin.videoRoom(secured(visitId, "allowed").add("action", "add").add("allowed", JanusAdmin.strings(tokens)),
                    "allow the participants");
        }
    }

    private SfuAccess access(UUID visitId, String attendeeId) {
        return new SfuAccess(browserUrl.toString(), room(visitId), attendeeId, token(visitId, attendeeId));
    }

    private jakarta.json.JsonObjectBuilder secured(UUID visitId, String request) {
        return Jsons.createObjectBuilder().add("request", request).add("room", room(visitId))
                .add("secret", hmac("room/" + visitId));
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static void ignoring(Runnable call, int... codes) {
        try {
            call.run();
        } catch (JanusFailure e) {
            for (int c : codes) {
                if (e.kind() == JanusFailure.Kind.PLUGIN && e.code() == c) {
                    return;
                }
            }
            throw e;
        }
    }

    private static void guarded(String doing, Runnable call) {
        try {
            call.run();
        } catch (JanusFailure e) {
            throw unavailable(doing, e);
        }
    }

    private static SfuUnavailableException unavailable(String doing, JanusFailure e) {
        return new SfuUnavailableException("The group video server (Janus) could not " + doing + ": "
                + e.getMessage(), e);
    }
}
