package org.openvisit.ehr.graph;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a call record in Graph's v1.0 JSON ({@code GET /communications/callRecords/{id}?$expand=sessions($expand=segments)})
 * into a {@link CallRecord}: for every session, every segment, every {@code media} entry, every {@code streams} item,
 * the figures {@code averageRoundTripTime}, {@code averageJitter} (else {@code averageAudioNetworkJitter}),
 * {@code averagePacketLossRate} (else {@code averageVideoPacketLossRate}) and {@code averageVideoFrameRate} (else
 * {@code averageReceivedFrameRate}), with the participant the stream belongs to.
 * <p>
 * Whose stream: a segment's (else its session's) {@code caller} and {@code callee} are endpoints; a
 * {@code participantEndpoint} is a person's client, a {@code serviceEndpoint} Teams' own server. A stream belongs to the
 * participant on its side: between a participant and the meeting's server (a meeting's usual segment) to that
 * participant whatever the direction; between two participants (a one-to-one call) to the one receiving it
 * ({@code streamDirection} {@code callerToCallee}: the callee). The participant is known by
 * {@code associatedIdentity.id} (else {@code identity.user}, {@code identity.guest} or {@code identity.acsUser}; a
 * phone number is never read); without one it is anonymous per session.
 */
public final class CallRecordJson {

    private CallRecordJson() {
    }

    /** The call record of Graph's JSON object, with the sessions of all pages given. */
    public static CallRecord read(Map<String, Object> json, List<Map<String, Object>> sessions) {
        List<CallRecord.StreamFigures> streams = new ArrayList<>();
        for (Map<String, Object> session : sessions) {
            String sessionId = string(session, "id");
            Map<String, Object> sessionCaller = object(session, "caller");
            Map<String, Object> sessionCallee = object(session, "callee");
            for (Map<String, Object> segment : objects(session.get("segments"))) {
                Map<String, Object> caller = orElse(object(segment, "caller"), sessionCaller);
                Map<String, Object> callee = orElse(object(segment, "callee"), sessionCallee);
                Participant from = participant(caller, sessionId);
                Participant to = participant(callee, sessionId);
                for (Map<String, Object> media : objects(segment.get("media"))) {
                    for (Map<String, Object> stream : objects(media.get("streams"))) {
                        Participant owner = owner(from, to, string(stream, "streamDirection"));
                        if (owner == null) {
                            continue;
                        }
                        CallRecord.StreamFigures figures = new CallRecord.StreamFigures(owner.key(), owner.tenantId(),
                                millis(stream.get("averageRoundTripTime")),
                                millis(firstPresent(stream, "averageJitter", "averageAudioNetworkJitter")),
                                percent(firstPresent(stream, "averagePacketLossRate", "averageVideoPacketLossRate")),
                                number(firstPresent(stream, "averageVideoFrameRate", "averageReceivedFrameRate")));
                        if (!figures.isEmpty()) {
                            streams.add(figures);
                        }
                    }
                }
            }
        }
        return new CallRecord(string(json, "id"), string(json, "joinWebUrl"), organizerId(json), streams);
    }

    /** A participant's client on one side of a segment; {@code null} for Teams' own server or nothing. */
    private record Participant(String key, String tenantId) {
    }

    private static Participant owner(Participant caller, Participant callee, String direction) {
        if (caller != null && callee != null) {
            return "calleeToCaller".equals(direction) ? caller : callee;
        }
        return caller != null ? caller : callee;
    }

    private static Participant participant(Map<String, Object> endpoint, String sessionId) {
        if (endpoint == null) {
            return null;
        }
        String type = string(endpoint, "@odata.type");
        Map<String, Object> identity = object(endpoint, "associatedIdentity");
        Map<String, Object> set = object(endpoint, "identity");
        boolean isParticipant = type == null ? identity != null || set != null
                : type.toLowerCase(java.util.Locale.ROOT).endsWith("participantendpoint");
        if (!isParticipant) {
            return null;
        }
        if (identity == null && set != null) {
            for (String kind : List.of("user", "guest", "acsUser")) {
                identity = object(set, kind);
                if (identity != null) {
                    break;
                }
            }
        }
        String id = identity == null ? null : string(identity, "id");
        if (id == null || id.isBlank()) {
            return new Participant("anonymous:" + sessionId, null);
        }
        return new Participant("id:" + id, string(identity, "tenantId"));
    }

    private static String organizerId(Map<String, Object> json) {
        Map<String, Object> v2 = object(json, "organizer_v2");
        if (v2 != null && string(v2, "id") != null) {
            return string(v2, "id");
        }
        Map<String, Object> organizer = object(json, "organizer");
        Map<String, Object> user = organizer == null ? null : object(organizer, "user");
        return user == null ? null : string(user, "id");
    }

    /** An ISO-8601 duration ({@code PT0.016S}, {@code PT1M2.5S}) in milliseconds; {@code null} when absent or unreadable. */
    static Double millis(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            Duration d = Duration.parse(text.strip());
            return d.isNegative() ? null : d.toNanos() / 1_000_000.0;
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Graph's loss rate (a fraction, 0 to 1) in percent; {@code null} when absent or outside 0..1. */
    static Double percent(Object value) {
        Double rate = number(value);
        return rate == null || rate > 1 ? null : rate * 100;
    }

    static Double number(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d >= 0 ? d : null;
        }
        return null;
    }

    private static Object firstPresent(Map<String, Object> json, String key, String fallback) {
        Object v = json.get(key);
        return v != null ? v : json.get(fallback);
    }

    private static Map<String, Object> orElse(Map<String, Object> a, Map<String, Object> b) {
        return a != null ? a : b;
    }

    private static String string(Map<String, Object> json, String key) {
        return json.get(key) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String key) {
        return json.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Object value) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    items.add((Map<String, Object>) m);
                }
            }
        }
        return items;
    }
}
