package org.openvisit.ehr;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import org.openvisit.ehr.SmartSignInException.Failure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one id_token check of OpenVisit (SMART launch, EHR sign-in, portal OpenID Connect), on Nimbus's
 * {@link DefaultJWTProcessor}: signed with an asymmetric algorithm the issuer uses (RS/PS/ES 256..512, never
 * {@code none} or a shared secret) by a key of its JWKS ({@link EhrKeySets}: with or without {@code kid}, several
 * keys, rotation), issued by an accepted issuer (a trailing slash aside), for OpenVisit's client id ({@code azp}
 * = the client when there are several audiences), not expired and not issued in the future ({@value
 * #CLOCK_SKEW_SECONDS} s of clock skew), carrying the nonce OpenVisit sent. Each failure is a
 * {@link SmartSignInException} with its own {@link Failure}; messages name no token or nonce.
 */
public final class IdTokenVerifier {

    static final int CLOCK_SKEW_SECONDS = 60;
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);

    /** The asymmetric signatures OpenVisit accepts; an issuer's own list narrows it. */
    public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** What an id_token must be for: who issues it, for whom, with which keys and algorithms. */
    public record Expected(Collection<String> issuers, String clientId, Set<JWSAlgorithm> algorithms) {
        public Expected {
            issuers = List.copyOf(issuers);
            Set<JWSAlgorithm> accepted = new LinkedHashSet<>(ASYMMETRIC);
            if (algorithms != null && !algorithms.isEmpty()) {
                accepted.retainAll(algorithms);
            }
            algorithms = Set.copyOf(accepted);
        }
    }

    private final EhrKeySets keySets;

    public IdTokenVerifier(EhrKeySets keySets) {
        this.keySets = keySets;
    }

    /**
     * Checks {@code idToken} with the keys at {@code jwksUri}; a signature no cached key confirms makes the keys be
     * read again once (rate-limited), since the issuer may have rotated them.
     *
     * @param nonce the nonce sent with the authorization request (required)
     * @return the checked claims
     * @throws SmartSignInException saying which check failed
     */
    public JWTClaimsSet verify(String idToken, java.net.URI jwksUri, Expected expected, String nonce, Instant now) {
        try {
            return verify(idToken, keySets.source(jwksUri), expected, nonce, now);
        } catch (SmartSignInException e) {
            if (e.failure() == Failure.BAD_SIGNATURE && e.getCause() instanceof BadJWSException
                    && keySets.refresh(jwksUri)) {
                return verify(idToken, keySets.source(jwksUri), expected, nonce, now);
            }
            throw e;
        }
    }

    /** Checks {@code idToken} with the given keys (no refresh). */
    public static JWTClaimsSet verify(String idToken, JWKSource<SecurityContext> keys, Expected expected, String nonce,
                                      Instant now) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException | RuntimeException e) {
            throw new SmartSignInException(Failure.INVALID_ID_TOKEN, "The id_token (the proof of the sign-in) is not "
                    + "a signed JWT that OpenVisit can read.");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!expected.algorithms().contains(algorithm)) {
            throw new SmartSignInException(Failure.BAD_SIGNATURE, "The id_token is signed with " + algorithm
                    + ", which OpenVisit does not accept here: only " + names(expected.algorithms()) + " signatures "
                    + "with the issuer's published keys are.");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(expected.algorithms(), keys));
        processor.setJWTClaimsSetVerifier(new Claims(expected, nonce, now));
        try {
            return processor.process(jwt, null);
        } catch (ClaimRefused refused) {
            throw refused.failure;
        } catch (KeySourceException unreadable) {
            throw keysUnreadable(unreadable);
        } catch (BadJWSException badSignature) {
            throw new SmartSignInException(Failure.BAD_SIGNATURE, "The signature of the id_token does not match the "
                    + "issuer's published keys. Someone may be answering in the EHR's place; check the FHIR base URL "
                    + "with the EHR team.", badSignature);
        } catch (BadJOSEException noKey) {
            String kid = jwt.getHeader().getKeyID();
            throw new SmartSignInException(Failure.BAD_SIGNATURE, "The id_token is signed with a key "
                    + (kid == null ? "" : "(kid \"" + printable(kid) + "\") ") + "that the issuer does not publish in "
                    + "its JWKS. Someone may be answering in the EHR's place; check the FHIR base URL with the EHR team.");
        } catch (com.nimbusds.jose.JOSEException broken) {
            throw new SmartSignInException(Failure.BAD_SIGNATURE, "The id_token's signature could not be checked "
                    + "with the issuer's keys.", broken);
        }
    }

    /**
     * The EHR user an id_token names: {@code fhirUser} (relative or absolute, as sent), else {@code sub}.
     *
     * @throws SmartSignInException {@link Failure#NO_EHR_USER} when it names none
     */
    public static String ehrUser(JWTClaimsSet claims) {
        Object fhirUser = claims.getClaim("fhirUser");
        String user = fhirUser instanceof String s && !s.isBlank() ? s : claims.getSubject();
        if (user == null || user.isBlank()) {
            throw new SmartSignInException(Failure.NO_EHR_USER, "The EHR's id_token names no user (neither fhirUser "
                    + "nor sub). Ask the EHR team to allow the fhirUser scope for OpenVisit.");
        }
        return user.strip();
    }

    /**
     * The id_token's {@code fhirUser} claim as sent (relative or absolute), or {@code null} when it has none. Only this
     * claim says who the user is in the EHR's FHIR server: a {@code sub} is an account id of the EHR's own choosing,
     * even when it happens to look like {@code Practitioner/123}.
     */
    public static String fhirUser(JWTClaimsSet claims) {
        return claims.getClaim("fhirUser") instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static SmartSignInException keysUnreadable(KeySourceException e) {
        var refused = OutboundHttp.Refused.unwrap(e);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (e instanceof RateLimitReachedException) {
            return new SmartSignInException(Failure.BAD_SIGNATURE, "The id_token is signed with a key OpenVisit did not "
                    + "find in the issuer's signing keys, which it read (or tried to read) moments ago; it reads them at "
                    + "most twice in " + EhrKeySets.Limits.DEFAULT.rateLimit().toSeconds() + " seconds. Try again in a "
                    + "minute; if it happens again, check the address with the EHR or identity provider team.");
        }
        if (e instanceof JWKSetParseException) {
            return new SmartSignInException(Failure.INVALID_JWKS, "The issuer's signing keys are not a valid JSON "
                    + "Web Key Set.");
        }
        return new SmartSignInException(Failure.INVALID_JWKS, "The issuer's signing keys (JWKS) could not be read.");
    }

    /** The claim checks, run by the processor after the signature. */
    private record Claims(Expected expected, String nonce, Instant now) implements JWTClaimsSetVerifier<SecurityContext> {

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws ClaimRefused {
            String issuer = claims.getIssuer();
            if (issuer == null || expected.issuers().stream().noneMatch(accepted -> sameIssuer(accepted, issuer))) {
                throw new ClaimRefused(Failure.WRONG_ISSUER, "The id_token was issued by "
                        + (issuer == null ? "nobody (it has no iss)" : "\"" + printable(issuer) + "\"") + ", not by "
                        + String.join(" or ", expected.issuers()) + ". The address may point to a different server "
                        + "than the one that signed you in; check it with the EHR or identity provider team.");
            }
            List<String> audience = claims.getAudience();
            String clientId = expected.clientId();
            if (audience == null || !audience.contains(clientId)) {
                throw new ClaimRefused(Failure.WRONG_AUDIENCE, "The id_token was issued for "
                        + (audience == null || audience.isEmpty() ? "no app (it has no aud)" : "the app "
                        + printable(String.join(", ", audience))) + ", not for OpenVisit's client id \"" + clientId
                        + "\". Check that the app registration for OpenVisit uses this client id.");
            }
            Object azp = claims.getClaim("azp");
            if (audience.size() > 1 && azp != null && !clientId.equals(azp)) {
                throw new ClaimRefused(Failure.WRONG_AUDIENCE, "The id_token was issued to the app "
                        + printable(String.valueOf(azp)) + " (azp), not to OpenVisit's client id \"" + clientId + "\".");
            }
            Date expires = claims.getExpirationTime();
            if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
                throw new ClaimRefused(Failure.EXPIRED, "The id_token " + (expires == null
                        ? "has no expiry time (exp)" : "expired at " + expires.toInstant()) + ". If this happens "
                        + "again, check that the clocks of this server and the issuer are right.");
            }
            Date issuedAt = claims.getIssueTime();
            if (issuedAt != null && issuedAt.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
                throw new ClaimRefused(Failure.EXPIRED, "The id_token says it was issued at " + issuedAt.toInstant()
                        + ", in the future. Check that the clocks of this server and the issuer are right.");
            }
            Object sent = claims.getClaim("nonce");
            if (!(sent instanceof String text) || nonce == null || !MessageDigest.isEqual(
                    text.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
                throw new ClaimRefused(Failure.WRONG_NONCE, "The id_token does not belong to this sign-in (its nonce "
                        + "is " + (sent == null ? "missing" : "different") + "). Start the sign-in again.");
            }
        }
    }

    /** A claim check failed: carries the failure through the processor. */
    private static final class ClaimRefused extends BadJWTException {
        private final transient SmartSignInException failure;

        ClaimRefused(Failure failure, String message) {
            super(message);
            this.failure = new SmartSignInException(failure, message);
        }
    }

    private static boolean sameIssuer(String accepted, String issuer) {
        return strip(accepted).equals(strip(issuer));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String names(Set<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().reduce((a, b) -> a + ", " + b).orElse("no");
    }

    static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
