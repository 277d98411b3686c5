package org.openvisit.ehr;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys (JWKS) of EHRs and identity providers, one Nimbus {@link JWKSource} per JWKS URL, built with
 * {@link JWKSourceBuilder} on {@link OutboundHttp} (the address policy, explicit timeouts, no redirects). What the
 * limits are, and why:
 * <ul>
 *   <li><b>cache</b> {@link Limits#cache()} (10 minutes): a busy clinic's launches do not fetch the keys each time;
 *       a key the EHR withdraws is refused at most 10 minutes later;</li>
 *   <li><b>refresh on an unknown key</b>: EHRs rotate keys by publishing the new one first; a token whose
 *       {@code kid} is not in the cached set, or (tokens without {@code kid}) whose signature no cached key
 *       confirms, makes the set be read again once ({@link #refresh});</li>
 *   <li><b>rate limit</b> {@link Limits#rateLimit()} (at most two reads of one URL in 30 s, Nimbus's rate limiter):
 *       forged tokens with made-up {@code kid}s cannot make OpenVisit hammer an EHR;</li>
 *   <li><b>outage tolerance</b> {@link Limits#outage()} (2 hours): when the EHR's key endpoint is down after the
 *       cache expired, the keys last read keep signing-in working; a longer outage refuses sign-ins (a withdrawn
 *       key must not be trusted forever).</li>
 * </ul>
 * No background threads (refresh-ahead is off: this runs inside an application server). At most
 * {@value #MAX_SETS} URLs are kept; beyond that the set is rebuilt (its cache starts empty).
 */
public final class EhrKeySets {

    static final int MAX_SETS = 1000;

    /** How long keys are cached, how often one URL may be read, how long an outage is bridged. */
    public record Limits(Duration cache, Duration rateLimit, Duration outage) {
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofHours(2));
    }

    private final Map<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();
    private final OutboundHttp http;
    private final Limits limits;

    public EhrKeySets(OutboundHttp http) {
        this(http, Limits.DEFAULT);
    }

    public EhrKeySets(OutboundHttp http, Limits limits) {
        this.http = http;
        this.limits = limits;
    }

    /** The keys at {@code jwksUri}, read through the cache. */
    public JWKSource<SecurityContext> source(URI jwksUri) {
        if (sources.size() >= MAX_SETS && !sources.containsKey(jwksUri)) {
            sources.clear();
        }
        return sources.computeIfAbsent(jwksUri, this::build);
    }

    /**
     * Reads the keys at {@code jwksUri} again now, unless the rate limit forbids it.
     *
     * @return whether they were read again
     */
    public boolean refresh(URI jwksUri) {
        if (!(source(jwksUri) instanceof JWKSetBasedJWKSource<SecurityContext> based)) {
            return false;
        }
        try {
            based.getJWKSetSource().getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), System.currentTimeMillis(),
                    null);
            return true;
        } catch (KeySourceException rateLimitedOrDown) {
            return false;
        }
    }

    private JWKSource<SecurityContext> build(URI jwksUri) {
        URL url;
        try {
            url = jwksUri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new SmartSignInException(SmartSignInException.Failure.INVALID_JWKS, "The signing keys' address "
                    + jwksUri + " is not a valid URL.");
        }
        long cache = limits.cache().toMillis();
        return JWKSourceBuilder.<SecurityContext>create(url, http)
                .cache(cache, Math.min(cache, OutboundHttp.REQUEST_TIMEOUT.plus(OutboundHttp.CONNECT_TIMEOUT).toMillis()))
                .refreshAheadCache(false)
                .rateLimited(limits.rateLimit().toMillis())
                .retrying(false)
                .outageTolerant(limits.outage().toMillis())
                .build();
    }
}
