/**
 * The one integration layer for outbound calls to an EHR or an outside platform, on the Nimbus OAuth 2.0 SDK with
 * OpenID Connect extensions and Nimbus JOSE+JWT: SMART discovery (cached), the authorization request (state, nonce,
 * PKCE S256: {@link org.openvisit.ehr.OAuthStart}), the one code exchange ({@link org.openvisit.ehr.CodeExchange}),
 * the one id_token check ({@link org.openvisit.ehr.IdTokenVerifier}) against the issuer's key set
 * ({@link org.openvisit.ehr.EhrKeySets}: JWKSourceBuilder's cache, rate-limited refresh and outage tolerance), and
 * the HTTP client every request goes through, Nimbus's included ({@link org.openvisit.ehr.OutboundHttp}: explicit
 * timeouts, no redirects, every resolved address checked by {@link org.openvisit.ehr.AddressGuard}). The SMART
 * launch, the EHR analyst's sign-in and the portal's OpenID Connect sign-in use it; write-back uses its
 * {@code backend} (SMART Backend Services tokens) and {@code fhir} (the FHIR client factory) packages; the Microsoft Teams
 * meeting platform its {@code graph} package (Entra tokens, Graph online meetings).
 * An endpoint's Test connection reads the SMART discovery document and the FHIR metadata through the same client
 * ({@link org.openvisit.ehr.FhirServerProbe}).
 * {@link org.openvisit.ehr.NimbusLibraries} says at start which Nimbus versions the server supplies.
 */
package org.openvisit.ehr;
