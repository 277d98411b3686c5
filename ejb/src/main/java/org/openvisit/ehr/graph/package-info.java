/**
 * Microsoft Graph for the Teams meeting platform: app-only tokens from the organization's Entra tenant (client
 * credentials with a certificate assertion or a client secret, cached) and online meetings by create-or-get, through
 * the EHR layer's {@link org.openvisit.ehr.OutboundHttp}; Graph's refusals become {@link org.openvisit.ehr.graph.GraphFailure}s.
 */
package org.openvisit.ehr.graph;
