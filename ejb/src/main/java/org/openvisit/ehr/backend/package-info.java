/**
 * SMART Backend Services for write-back: the client authentication (Nimbus {@code PrivateKeyJWT}: short-lived,
 * single-use {@code jti}, {@code typ} JWT) and the access tokens a {@code client_credentials} request buys through
 * the layer's {@code CodeExchange}, cached per endpoint until shortly before expiry.
 */
package org.openvisit.ehr.backend;
