package org.openvisit.report.application;

/** A bearer token that does not let its request in (missing, expired, wrong issuer or audience, bad signature, revoked). */
@jakarta.ejb.ApplicationException(rollback = true)
public class TokenRefusedException extends RuntimeException {

    public TokenRefusedException(String message) {
        super(message);
    }
}
