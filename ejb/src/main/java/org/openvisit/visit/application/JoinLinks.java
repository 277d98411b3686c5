package org.openvisit.visit.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.secrets.application.InstallationSecretService;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Join links for patients and guests: a JWT (HS256) that OpenVisit signs with an installation secret
 * shared by every node, scoped to one visit and one role, valid for a short time
 * ({@code openvisit.join-link.validity}, default 4 hours, never more than {@link #MAX_LIFETIME}: a link whose
 * times span longer is refused even if this installation signed it). It carries no patient data: only the visit
 * id, the role, its times and a random id (by which the link of someone removed from the visit is revoked). The link may be opened more than once while it is valid (a patient who
 * reloads, or opens the SMS again); who opened it is tracked by the browser session, not by the link.
 */
@ApplicationScoped
public class JoinLinks {

    public static final String PURPOSE = "join-link-signing-key";
    static final String ISSUER = "openvisit";
    static final String AUDIENCE = "openvisit-join";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** The longest a join link may be valid: a visit is booked for a day, not a decade. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    @EJB
    private InstallationSecretService secrets;

    @Inject
    @ConfigProperty(name = "openvisit.join-link.validity", defaultValue = "PT4H")
    private Duration validity;

    private Clock clock = Clock.systemUTC();
    private volatile byte[] key;

    public JoinLinks() {
        // for CDI
    }

    /** Outside the container (tests): a fixed key and clock. */
    JoinLinks(byte[] key, Duration validity, Clock clock) {
        this.key = key.clone();
        this.validity = validity;
        this.clock = clock;
    }

    /** A signed join token for {@code visitId} in {@code role} (PATIENT or GUEST). */
    public String issue(UUID visitId, JoinRole role) {
        Objects.requireNonNull(visitId, "visitId");
        if (role == null || role == JoinRole.PROVIDER) {
            throw new IllegalArgumentException("Join links are for patients and guests; clinicians launch from the EHR.");
        }
        Instant now = clock.instant();
        Duration validity = this.validity.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : this.validity;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .claim("vid", visitId.toString()).claim("role", role.name())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString()).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("The join link could not be signed", e);
        }
    }

    /**
     * What {@code token} allows.
     *
     * @throws InvalidJoinLinkException malformed, not signed by this installation, expired, or not a join link
     */
    public JoinGrant verify(String token) {
        if (token == null || token.isBlank() || token.length() > 2000) {
            throw new InvalidJoinLinkException("MALFORMED", "This join link is incomplete.");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token.strip());
        } catch (ParseException e) {
            throw new InvalidJoinLinkException("MALFORMED", "This join link is incomplete or damaged.");
        }
        try {
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key()))) {
                throw new InvalidJoinLinkException("BAD_SIGNATURE", "This join link was not made by this OpenVisit.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())) {
                throw new InvalidJoinLinkException("WRONG_AUDIENCE", "This is not a join link.");
            }
            Date expires = claims.getExpirationTime();
            Date issued = claims.getIssueTime();
            if (expires == null || issued == null || claims.getJWTID() == null) {
                throw new InvalidJoinLinkException("MALFORMED", "This join link is incomplete or damaged.");
            }
            if (Duration.between(issued.toInstant(), expires.toInstant()).compareTo(MAX_LIFETIME) > 0) {
                throw new InvalidJoinLinkException("TOO_LONG", "This join link is valid for too long to be one of ours.");
            }
            if (issued.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) { // we never date a link ahead
                throw new InvalidJoinLinkException("MALFORMED", "This join link is incomplete or damaged.");
            }
            if (!clock.instant().minus(CLOCK_SKEW).isBefore(expires.toInstant())) {
                throw new InvalidJoinLinkException("EXPIRED", "This join link has expired. Ask your clinic for a new one.");
            }
            JoinRole role = JoinRole.valueOf(claims.getStringClaim("role"));
            if (role == JoinRole.PROVIDER) {
                throw new InvalidJoinLinkException("WRONG_ROLE", "This is not a patient or guest link.");
            }
            return new JoinGrant(UUID.fromString(claims.getStringClaim("vid")), role, expires.toInstant(),
                    claims.getJWTID());
        } catch (JOSEException | ParseException | IllegalArgumentException | NullPointerException e) {
            // a missing or unreadable claim (vid, role): the link is damaged
            throw new InvalidJoinLinkException("MALFORMED", "This join link is incomplete or damaged.");
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = secrets.secret(PURPOSE);
            key = k;
        }
        return k;
    }
}
