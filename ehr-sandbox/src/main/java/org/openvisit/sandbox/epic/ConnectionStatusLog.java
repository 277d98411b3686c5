package org.openvisit.sandbox.epic;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connection-status calls received, one per distinct ExternalEventID (a replay is answered as a duplicate). */
public class ConnectionStatusLog {

    private final Map<String, JsonObject> byEvent = new LinkedHashMap<>();

    /** @return false when this event id was received before (nothing is added) */
    public synchronized boolean add(String externalEventId, JsonObject call) {
        return byEvent.putIfAbsent(externalEventId, call) == null;
    }

    public synchronized List<JsonObject> all() {
        return new ArrayList<>(byEvent.values());
    }

    public synchronized void clear() {
        byEvent.clear();
    }
}
