/**
 * Portal sign-in with the organization's OpenID Connect provider: the configuration, discovery (Nimbus
 * {@code OIDCProviderMetadata}, or a SMART server's configuration), and the portal's words for the EHR layer's
 * authorization request, code exchange and id_token check ({@code org.openvisit.ehr}), which it uses as the SMART
 * sign-ins do; then the username claim.
 */
package org.openvisit.identity.infrastructure.oidc;
