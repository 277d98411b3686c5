package org.openvisit.room.interfaces.websocket;

import java.util.Arrays;
import java.util.List;

/**
 * One message on a visit's channel: to whom (everyone, the clinicians, or some attendees by their opaque ids),
 * the JSON the page gets, and a close code when their socket is to close after it (removed, ended). Written as
 * {@code <to>|<close code>|<ids>|<json>}: attendee ids are URL-safe, so neither bar nor comma occurs in them.
 */
record Envelope(To to, int closeCode, List<String> ids, String json) {

    enum To { ALL, CLINICIANS, ATTENDEES }

    Envelope {
        ids = List.copyOf(ids);
    }

    static Envelope clinicians(String json) {
        return new Envelope(To.CLINICIANS, 0, List.of(), json);
    }

    static Envelope attendees(List<String> ids, String json) {
        return new Envelope(To.ATTENDEES, 0, ids, json);
    }

    static Envelope attendee(String id, String json) {
        return attendees(List.of(id), json);
    }

    /** Everyone hears it and their sockets close with {@code closeCode}. */
    static Envelope allThenClose(String json, int closeCode) {
        return new Envelope(To.ALL, closeCode, List.of(), json);
    }

    Envelope thenClose(int code) {
        return new Envelope(to, code, ids, json);
    }

    String text() {
        return to.name() + "|" + closeCode + "|" + String.join(",", ids) + "|" + json;
    }

    static Envelope parse(String text) {
        String[] parts = text.split("\\|", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a visit message");
        }
        List<String> ids = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
        return new Envelope(To.valueOf(parts[0]), Integer.parseInt(parts[1]), ids, parts[3]);
    }
}
