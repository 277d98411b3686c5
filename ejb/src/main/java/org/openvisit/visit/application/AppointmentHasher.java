package org.openvisit.visit.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.secrets.application.InstallationSecretService;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AppointmentHashing;
import org.openvisit.visit.domain.model.VisitKey;

import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an appointment (or conference) id into the keyed hash that is all OpenVisit stores of it
 * ({@link AppointmentHashing}: HMAC-SHA256, lower-case hex, over {@code <endpoint id> "|" <kind prefix> <id>}),
 * keyed by the installation secret {@value #PURPOSE} (32 random bytes, stored once sealed under the master key).
 * The SMS feed keys its appointments and control ids with the same key ({@link #hashing()}).
 */
@ApplicationScoped
public class AppointmentHasher {

    public static final String PURPOSE = "appointment-hash-key";

    @EJB
    private InstallationSecretService secrets;

    private volatile AppointmentHashing hashing;

    public AppointmentHash hash(UUID endpointId, VisitKey visitKey) {
        return hashing().hash(endpointId, visitKey);
    }

    /** The keyed hash function with the installation's key (read, or made, on first use). */
    public AppointmentHashing hashing() {
        AppointmentHashing h = hashing;
        if (h == null) {
            h = new AppointmentHashing(secrets.secret(PURPOSE));
            hashing = h;
        }
        return h;
    }

    static AppointmentHash hash(SecretKeySpec key, String input) {
        return new AppointmentHash(AppointmentHashing.hmac(key, input));
    }
}
