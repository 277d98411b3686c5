package org.openvisit.sandbox.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.sandbox.fault.Fault;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The fault switch as JSON: {@code {"mode":"RATE_LIMITED","seconds":30,"count":3,"retryAfterSeconds":2,"hangSeconds":20,"rate":0.3}}. */
final class FaultJson {

    private FaultJson() {
    }

    static Fault fromJson(JsonObject json, Instant now) {
        Fault.Mode mode = Fault.Mode.valueOf(json.getString("mode"));
        Instant until = json.containsKey("seconds") ? now.plusSeconds(json.getJsonNumber("seconds").longValue()) : null;
        Integer count = json.containsKey("count") ? json.getInt("count") : null;
        Duration retryAfter = json.containsKey("retryAfterSeconds") ? Duration.ofSeconds(json.getInt("retryAfterSeconds")) : null;
        Duration hang = json.containsKey("hangSeconds") ? Duration.ofSeconds(json.getInt("hangSeconds")) : null;
        double rate = json.containsKey("rate") ? json.getJsonNumber("rate").doubleValue() : 1.0;
        return new Fault(mode, until, count, retryAfter, hang, rate);
    }

    static JsonObject toJson(Optional<Fault> current) {
        if (current.isEmpty()) {
            return Json.createObjectBuilder().add("mode", "NONE").build();
        }
        Fault fault = current.get();
        JsonObjectBuilder json = Json.createObjectBuilder().add("mode", fault.mode().name())
                .add("retryAfterSeconds", fault.retryAfter().toSeconds()).add("hangSeconds", fault.hang().toSeconds());
        if (fault.until() != null) {
            json.add("until", fault.until().toString());
        }
        if (fault.count() != null) {
            json.add("count", fault.count());
        }
        if (fault.rate() < 1) {
            json.add("rate", fault.rate());
        }
        return json.build();
    }
}
