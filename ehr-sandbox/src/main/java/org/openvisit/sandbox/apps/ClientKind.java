package org.openvisit.sandbox.apps;

/** How a client authenticates at the token endpoint. */
public enum ClientKind {
    /** No secret: client_id in the request, PKCE protects the code. */
    PUBLIC,
    /** private_key_jwt: a signed client assertion checked against the client's registered JWKS. */
    CONFIDENTIAL_ASYMMETRIC
}
