package org.openvisit.visit.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.secrets.application.InstallationSecretService;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.VisitKey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an appointment (or conference) id into the keyed hash that is all OpenVisit stores of it:
 * HMAC-SHA256, lower-case hex, over {@code <endpoint id> "|" <kind prefix> <id>}, keyed by the
 * installation secret {@value #PURPOSE} (32 random bytes, stored once sealed under the master key).
 * The endpoint is part of the input so that one appointment id seen through two endpoints gives two
 * unrelated hashes; without the secret, a hash cannot be matched against guessed appointment ids.
 */
@ApplicationScoped
public class AppointmentHasher {

    public static final String PURPOSE = "appointment-hash-key";

    @EJB
    private InstallationSecretService secrets;

    private volatile SecretKeySpec key;

    public AppointmentHash hash(UUID endpointId, VisitKey visitKey) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(visitKey, "visitKey");
        return hash(key(), endpointId + "|" + visitKey.hashInput());
    }

    static AppointmentHash hash(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return new AppointmentHash(HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(secrets.secret(PURPOSE), "HmacSHA256");
            key = k;
        }
        return k;
    }
}
