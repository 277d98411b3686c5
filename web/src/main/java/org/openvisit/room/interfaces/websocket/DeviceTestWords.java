package org.openvisit.room.interfaces.websocket;

import jakarta.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a browser's device-test result into the plain words stored with the DEVICE_TEST event. Only
 * fixed words are stored (each check passed, failed or was skipped), never anything the browser
 * typed, so no device name or personal detail reaches the event stream or the EHR.
 */
final class DeviceTestWords {

    private static final Map<String, String> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("camera", "Camera");
        CHECKS.put("microphone", "Microphone");
        CHECKS.put("speaker", "Speaker");
        CHECKS.put("connection", "Connection");
        CHECKS.put("relay", "Relay server"); // said only where a TURN relay is offered
    }

    private DeviceTestWords() {
    }

    static String of(JsonObject result) {
        StringBuilder words = new StringBuilder();
        for (Map.Entry<String, String> check : CHECKS.entrySet()) {
            String outcome = result == null ? null : result.getString(check.getKey(), null);
            if (outcome == null && check.getKey().equals("relay")) {
                continue;
            }
            String said = switch (outcome == null ? "" : outcome) {
                case "ok" -> "works";
                case "failed" -> "does not work";
                case "blocked" -> "was not allowed by the browser";
                default -> "not tested";
            };
            words.append(words.isEmpty() ? "" : " ").append(check.getValue()).append(' ').append(said).append('.');
        }
        return words.toString();
    }
}
