/**
 * Microsoft Graph for the Teams meeting platform: app-only tokens from the organization's Entra tenant (client
 * credentials with a certificate assertion or a client secret, cached), online meetings by create-or-get, their
 * attendance reports, call records (their media streams' figures) and change-notification subscriptions, and clinicians' one-time Microsoft sign-in (OpenID Connect with PKCE), through the EHR layer's
 * {@link org.openvisit.ehr.OutboundHttp}; Graph's and Entra's refusals become {@link org.openvisit.ehr.graph.GraphFailure}s.
 */
package org.openvisit.ehr.graph;
