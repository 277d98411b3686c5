/**
 * A SMART App Launch client for EHRs: discovery of {@code .well-known/smart-configuration} (cached), PKCE,
 * state and nonce, the authorize URL, the code exchange and the id_token check against the EHR's JWKS.
 * Every outbound request re-checks the addresses of its host with the installation's address policy.
 */
package org.openvisit.smart;
