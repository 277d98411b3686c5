package org.openvisit.visit.application;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The EHR's own references for a visit, as the launch gave them ({@code Appointment/123},
 * {@code Encounter/456}): what write-back needs to update the EHR's records. Only references, never
 * anything about the patient; stored sealed with the visit and only while write-back needs them.
 */
public record EhrContext(String appointment, String encounter) {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z]{1,64}/[A-Za-z0-9\\-.]{1,64}");

    public EhrContext {
        appointment = reference(appointment, "Appointment/");
        encounter = reference(encounter, "Encounter/");
    }

    /** A relative reference of the given type, or {@code null} when absent or not a plain FHIR reference. */
    private static String reference(String value, String type) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (!v.contains("/")) {
            v = type + v;
        }
        return v.startsWith(type) && REFERENCE.matcher(v).matches() ? v : null;
    }

    public boolean isEmpty() {
        return appointment == null && encounter == null;
    }

    String encode() {
        StringBuilder s = new StringBuilder();
        if (appointment != null) {
            s.append("appointment=").append(URLEncoder.encode(appointment, StandardCharsets.UTF_8));
        }
        if (encounter != null) {
            s.append(s.isEmpty() ? "" : "&").append("encounter=").append(URLEncoder.encode(encounter, StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    static EhrContext decode(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new EhrContext(fields.get("appointment"), fields.get("encounter"));
    }
}
