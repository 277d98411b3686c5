/**
 * Reports bearer tokens as signed JWTs with Nimbus JOSE: signing with the installation's ES256 key and verifying
 * issuer, audience, expiry, signature and the required claims.
 */
package org.openvisit.report.infrastructure.jwt;
