package org.openvisit.sandbox.apps;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The registered apps, kept in memory; the two OpenVisit registrations are there from the start. */
public class AppRegistry {

    public static final String OPENVISIT = "openvisit";
    public static final String OPENVISIT_BACKEND = "openvisit-backend";

    private final Map<String, AppRegistration> byClientId = new ConcurrentSkipListMap<>();

    public AppRegistry() {
        save(new AppRegistration(OPENVISIT, "OpenVisit", ClientKind.PUBLIC,
                List.of("{origin}/launch/callback", "{origin}/portal/ehr-sign-in/callback"),
                // the demo organization's own launch URLs (OpenVisit seeds it in development mode with the key "demo")
                "{origin}/launch/e/demo", "{origin}/launch/context", LaunchStyle.SMART_EHR_LAUNCH,
                null, null, "openvisit-ctx-1", newContextKey(), "{origin}/launch/e/demo/patient", Set.of()));
        save(new AppRegistration(OPENVISIT_BACKEND, "OpenVisit backend services", ClientKind.CONFIDENTIAL_ASYMMETRIC,
                List.of(), null, null, null, "{origin}/.well-known/jwks.json", null, null, null));
    }

    public Optional<AppRegistration> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    public Collection<AppRegistration> all() {
        return List.copyOf(byClientId.values());
    }

    public AppRegistration save(AppRegistration registration) {
        byClientId.put(registration.clientId(), registration);
        return registration;
    }

    public boolean remove(String clientId) {
        return byClientId.remove(clientId) != null;
    }

    /** A fresh random AES-256 key, base64. */
    public static String newContextKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
