package org.openvisit.visit.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that is all OpenVisit stores of an EHR's appointment (or conference) id: HMAC-SHA256, lower-case
 * hex, over {@code <endpoint id> "|" <kind prefix> <id>}, keyed by the installation's appointment hash key (the
 * application's {@code AppointmentHasher} holds it; the regional migration V12 is given it to convert SMS rows). The
 * endpoint is part of the input so that one id seen through two endpoints gives two unrelated hashes; without the
 * key, a hash cannot be matched against guessed ids.
 */
public final class AppointmentHashing {

    /** What is prefixed to a feed message's control id: no visit key kind starts so. */
    static final String MESSAGE_PREFIX = "message:";

    private final SecretKeySpec key;

    /** @param key the installation's appointment hash key (32 random bytes) */
    public AppointmentHashing(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("The appointment hash key is too short");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The visit's hash of {@code visitKey} seen through the endpoint (as {@code visit.appointment_hash}). */
    public AppointmentHash hash(UUID endpointId, VisitKey visitKey) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(visitKey, "visitKey");
        return new AppointmentHash(hmac(key, endpointId + "|" + visitKey.hashInput()));
    }

    /**
     * The hash of an appointment feed message's control id (an HL7v2 MSH-10, or the FHIR feed's
     * {@code fhir:<appointment id>/_history/<version>}, which names the appointment), with the same key under its own
     * prefix, so it never equals a visit's hash.
     */
    public String message(UUID endpointId, String controlId) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(controlId, "controlId");
        return hmac(key, endpointId + "|" + MESSAGE_PREFIX + controlId);
    }

    /** HMAC-SHA256 of {@code input} (UTF-8) in lower-case hex. */
    public static String hmac(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "AppointmentHashing[key hidden]";
    }
}
