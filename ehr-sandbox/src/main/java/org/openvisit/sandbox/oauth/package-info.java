/**
 * The sandbox's SMART authorization server: authorization codes with PKCE, access and refresh
 * tokens, launch contexts, signed id_tokens, backend-services client assertions, scopes.
 */
package org.openvisit.sandbox.oauth;
