package org.openvisit.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openvisit.smart.SmartSignInException.Failure;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks an OpenID Connect id_token from an EHR: signed (RSA or EC; never "none" or a shared secret) by
 * a key of the EHR's JWKS, issued by the FHIR server, for this client, not expired (a minute of clock
 * skew), carrying the nonce OpenVisit sent; then reads the EHR user ({@code fhirUser}, else {@code sub}).
 */
public final class IdTokenValidator {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private IdTokenValidator() {
    }

    /**
     * @param acceptedIssuers the FHIR base URL, and the {@code issuer} of the SMART configuration if any
     * @param nonce           the nonce sent with the authorization request; {@code null} when none was sent
     * @return the EHR user's id: {@code fhirUser} when present, else {@code sub}
     * @throws SmartSignInException saying which check failed
     */
    public static String ehrUser(String idToken, JWKSet keys, Collection<String> acceptedIssuers, String clientId,
                                 String nonce, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(idToken);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new SmartSignInException(Failure.INVALID_ID_TOKEN, "The EHR's id_token (the proof of the sign-in) "
                    + "is not a signed JWT that OpenVisit can read.");
        }
        verifySignature(jwt, keys);
        String issuer = claims.getIssuer();
        if (issuer == null || acceptedIssuers.stream().noneMatch(accepted -> sameIssuer(accepted, issuer))) {
            throw new SmartSignInException(Failure.WRONG_ISSUER, "The EHR's id_token was issued by "
                    + (issuer == null ? "nobody (it has no iss)" : "\"" + printable(issuer) + "\"") + ", not by the FHIR "
                    + "server " + String.join(" or ", acceptedIssuers) + ". The FHIR base URL may point to a different "
                    + "EHR than the one that signed you in; check the address with the EHR team.");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw new SmartSignInException(Failure.WRONG_AUDIENCE, "The EHR's id_token was issued for "
                    + (audience == null || audience.isEmpty() ? "no app (it has no aud)" : "the app " + printable(
                    String.join(", ", audience))) + ", not for OpenVisit's client id \"" + clientId + "\". Check that "
                    + "the EHR's app registration for OpenVisit uses this client id.");
        }
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && azp != null && !clientId.equals(azp)) {
            throw new SmartSignInException(Failure.WRONG_AUDIENCE, "The EHR's id_token was issued to the app "
                    + printable(String.valueOf(azp)) + " (azp), not to OpenVisit's client id \"" + clientId + "\".");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new SmartSignInException(Failure.EXPIRED, "The EHR's id_token "
                    + (expires == null ? "has no expiry time (exp)" : "expired at " + expires.toInstant())
                    + ". If this happens again, check that the clocks of this server and the EHR are right.");
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && issuedAt.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new SmartSignInException(Failure.EXPIRED, "The EHR's id_token says it was issued at "
                    + issuedAt.toInstant() + ", in the future. Check that the clocks of this server and the EHR are right.");
        }
        if (nonce != null) {
            Object sent = claims.getClaim("nonce");
            if (!nonce.equals(sent)) {
                throw new SmartSignInException(Failure.WRONG_NONCE, "The EHR's id_token does not belong to this "
                        + "sign-in (its nonce is " + (sent == null ? "missing" : "different") + "). Start the EHR "
                        + "sign-in again.");
            }
        }
        Object fhirUser = claims.getClaim("fhirUser");
        String user = fhirUser instanceof String s && !s.isBlank() ? s : claims.getSubject();
        if (user == null || user.isBlank()) {
            throw new SmartSignInException(Failure.NO_EHR_USER, "The EHR's id_token names no user (neither fhirUser "
                    + "nor sub). Ask the EHR team to allow the fhirUser scope for OpenVisit.");
        }
        return user.strip();
    }

    /**
     * Checks that {@code jwt} is signed (RSA or EC only) by one of {@code keys}.
     *
     * @throws SmartSignInException {@link Failure#BAD_SIGNATURE} when it is not
     */
    public static void verifySignature(SignedJWT jwt, JWKSet keys) {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!ACCEPTED.contains(algorithm)) {
            throw new SmartSignInException(Failure.BAD_SIGNATURE, "The EHR's id_token is signed with " + algorithm
                    + ", which OpenVisit does not accept: only RSA (RS256..RS512, PS256..PS512) and EC (ES256..ES512) "
                    + "signatures with the EHR's published keys are.");
        }
        List<JWK> candidates = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys);
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = null;
                if (key instanceof RSAKey rsa) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (key instanceof ECKey ec) {
                    verifier = new ECDSAVerifier(ec);
                }
                if (verifier != null && jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | IllegalStateException unusableKey) {
                // try the next key
            }
        }
        throw new SmartSignInException(Failure.BAD_SIGNATURE, candidates.isEmpty()
                ? "The EHR's id_token is signed with a key " + (header.getKeyID() == null ? "" : "(kid \""
                + printable(header.getKeyID()) + "\") ") + "that the EHR does not publish in its JWKS. Someone may "
                + "be answering in the EHR's place; check the FHIR base URL with the EHR team."
                : "The signature of the EHR's id_token does not match the EHR's published keys. Someone may be "
                + "answering in the EHR's place; check the FHIR base URL with the EHR team.");
    }

    private static boolean sameIssuer(String accepted, String issuer) {
        return strip(accepted).equals(strip(issuer));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
