package org.openvisit.smart;

import com.nimbusds.jose.jwk.JWKSet;
import org.openvisit.smart.SmartSignInException.Failure;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The EHRs' id_token signing keys (their JWKS), kept per JWKS URL for {@value #TTL_MINUTES} minutes so that
 * a launch does not fetch them every time. EHRs rotate keys by publishing the new one before they sign
 * with it: a token whose signature the kept keys do not confirm makes this read the JWKS again at once,
 * but at most every {@value #REFETCH_SECONDS} seconds per URL, so forged tokens cannot make OpenVisit
 * hammer an EHR. Only key sets that were read and parsed are kept. Thread-safe; at most
 * {@value #MAX_ENTRIES} URLs are kept (the oldest are dropped first).
 */
public final class EhrSigningKeys {

    static final int TTL_MINUTES = 10;
    static final int REFETCH_SECONDS = 30;
    static final int MAX_ENTRIES = 1000;

    private record Entry(JWKSet keys, Instant fetched) {
    }

    private final Map<URI, Entry> entries = new ConcurrentHashMap<>();
    private final OutboundHttp http;
    private final Clock clock;

    public EhrSigningKeys(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * Applies {@code check} (typically {@link IdTokenValidator#ehrUser}) to the keys at {@code jwksUri}; when
     * it fails with {@link Failure#BAD_SIGNATURE} on keys kept for a while, reads them again and checks once more.
     *
     * @throws SmartSignInException {@link Failure#INVALID_JWKS} when the keys cannot be read, or what
     *                              {@code check} throws
     */
    public <T> T verify(URI jwksUri, Function<JWKSet, T> check) {
        Instant now = clock.instant();
        Entry entry = entries.get(jwksUri);
        if (entry == null || !now.isBefore(entry.fetched().plus(Duration.ofMinutes(TTL_MINUTES)))) {
            entry = fetch(jwksUri, now);
        }
        try {
            return check.apply(entry.keys());
        } catch (SmartSignInException e) {
            boolean mayRefetch = now.isAfter(entry.fetched().plusSeconds(REFETCH_SECONDS));
            if (e.failure() != Failure.BAD_SIGNATURE || !mayRefetch) {
                throw e;
            }
            return check.apply(fetch(jwksUri, now).keys());
        }
    }

    private Entry fetch(URI jwksUri, Instant now) {
        OutboundHttp.Answer answer = http.get(jwksUri, "the EHR's signing keys (JWKS)");
        if (answer.status() != 200) {
            throw new SmartSignInException(Failure.INVALID_JWKS, "The EHR's signing keys (JWKS) at " + jwksUri
                    + " could not be read: HTTP " + answer.status() + ".");
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(answer.body());
        } catch (ParseException | RuntimeException e) {
            throw new SmartSignInException(Failure.INVALID_JWKS, "The EHR's signing keys at " + jwksUri
                    + " are not a valid JSON Web Key Set.");
        }
        Entry entry = new Entry(keys, now);
        if (entries.size() >= MAX_ENTRIES && !entries.containsKey(jwksUri)) {
            entries.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.comparing(Entry::fetched)))
                    .ifPresent(oldest -> entries.remove(oldest.getKey()));
        }
        entries.put(jwksUri, entry);
        return entry;
    }
}
