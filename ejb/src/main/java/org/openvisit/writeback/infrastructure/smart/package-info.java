/**
 * SMART Backend Services for write-back: the signed client assertion (private_key_jwt, short-lived,
 * single-use {@code jti}) and the access tokens it buys, cached per endpoint until shortly before expiry.
 */
package org.openvisit.writeback.infrastructure.smart;
