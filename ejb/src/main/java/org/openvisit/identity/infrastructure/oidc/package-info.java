/**
 * Portal sign-in with the organization's OpenID Connect provider: the configuration, discovery, the
 * authorization request (state, nonce, PKCE S256), the code exchange and the id_token check.
 */
package org.openvisit.identity.infrastructure.oidc;
