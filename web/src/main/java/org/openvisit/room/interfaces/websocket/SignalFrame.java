package org.openvisit.room.interfaces.websocket;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openvisit.room.domain.model.RoomRefusedException;
import org.openvisit.shared.infrastructure.Jsons;
import org.openvisit.visit.domain.model.CallRoute;
import org.openvisit.visit.domain.model.QualitySample;

import java.io.StringReader;

/**
 * What a browser's signalling frame says, read without trusting it: a JSON object or a refusal, and the parts of
 * it that become stored words and figures (the device test's outcomes, the call figures). Anything a page or a
 * script can send ends here as a value or a {@link RoomRefusedException}, never as another exception (fuzzed in
 * {@code SignalFrameFuzzTest}).
 */
final class SignalFrame {

    private SignalFrame() {
    }

    /** The frame as a JSON object, or refused as {@code BAD_MESSAGE}. */
    static JsonObject read(String text) {
        try {
            JsonValue value = Jsons.createReader(new StringReader(text)).readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            // not JSON (or more than one value): refused below
        }
        throw new RoomRefusedException("BAD_MESSAGE", "This message is not understood.");
    }

    /** The message's type, {@code "?"} when it has none (or a type that is not a string). */
    static String type(JsonObject m) {
        return m.getString("type", "?");
    }

    /** The call figures of a {@code stats} message (values out of range, or not numbers, are dropped). */
    static QualitySample figures(JsonObject m) {
        return new QualitySample(number(m, "rtt"), number(m, "jitter"), number(m, "loss"), number(m, "fps"),
                number(m, "bitrate"), CallRoute.fromBrowser(m.getString("route", null)));
    }

    /** The device test's outcomes of a {@code device-test} message, in words; a result that is not an object is refused. */
    static String deviceTestWords(JsonObject m) {
        JsonValue result = m.get("result");
        if (result != null && !(result instanceof JsonObject)) {
            throw new RoomRefusedException("BAD_MESSAGE", "This message is incomplete.");
        }
        return DeviceTestWords.of((JsonObject) result);
    }

    /**
     * The microphone and camera state of a {@code media} message ({@code "audio"} and {@code "video"}, each
     * {@code true} for on, {@code false} for off); anything else is refused.
     */
    static MediaState mediaState(JsonObject m) {
        JsonValue audio = m.get("audio");
        JsonValue video = m.get("video");
        if (!isBoolean(audio) || !isBoolean(video)) {
            throw new RoomRefusedException("BAD_MESSAGE", "This message is incomplete.");
        }
        return new MediaState(audio.getValueType() == JsonValue.ValueType.TRUE,
                video.getValueType() == JsonValue.ValueType.TRUE);
    }

    /** Whether someone's microphone and camera are on, as their page tells the others in the call. */
    record MediaState(boolean audio, boolean video) {
    }

    private static boolean isBoolean(JsonValue v) {
        return v != null && (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE);
    }

    private static Double number(JsonObject m, String key) {
        JsonValue v = m.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
