package org.openvisit.sandbox.contextlink;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What an encrypted context link says, written as a form-encoded string (see CONTEXT-LINK.md).
 *
 * @param iss         the EHR's FHIR base
 * @param sessionId   the visit's session id (the appointment's contact serial number)
 * @param appointment the FHIR Appointment id
 * @param encounter   the FHIR Encounter id (may be null)
 * @param patient     the FHIR Patient id
 * @param user        the EHR user, as a FHIR reference ({@code Practitioner/..} or {@code Patient/..})
 * @param role        {@code provider} or {@code patient}
 * @param department  the department (FHIR Location id)
 */
public record ContextLinkClaims(String iss, String sessionId, String appointment, String encounter, String patient,
                                String user, String role, String department, Instant issuedAt, Instant notBefore,
                                Instant expiresAt) {

    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(expiresAt);
    }

    public String toFormString() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("iss", iss);
        fields.put("sid", sessionId);
        fields.put("appt", appointment);
        fields.put("enc", encounter);
        fields.put("pat", patient);
        fields.put("user", user);
        fields.put("role", role);
        fields.put("dept", department);
        fields.put("iat", Long.toString(issuedAt.getEpochSecond()));
        fields.put("nbf", Long.toString(notBefore.getEpochSecond()));
        fields.put("exp", Long.toString(expiresAt.getEpochSecond()));
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    public static ContextLinkClaims fromFormString(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return new ContextLinkClaims(fields.get("iss"), fields.get("sid"), fields.get("appt"), fields.get("enc"),
                fields.get("pat"), fields.get("user"), fields.get("role"), fields.get("dept"),
                epoch(fields.get("iat")), epoch(fields.get("nbf")), epoch(fields.get("exp")));
    }

    private static Instant epoch(String seconds) {
        if (seconds == null) {
            throw new IllegalArgumentException("the context link lacks a time field");
        }
        return Instant.ofEpochSecond(Long.parseLong(seconds));
    }
}
