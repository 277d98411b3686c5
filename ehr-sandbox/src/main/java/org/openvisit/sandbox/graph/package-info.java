/**
 * A stand-in for Microsoft Entra (token endpoint, sign-in page with PKCE, id_token keys) and Microsoft Graph (online
 * meetings and their attendance reports, subscriptions with the validation call and notifications, call records),
 * speaking their HTTP API, so that OpenVisit's Teams platform can be tried and
 * tested with nothing leaving the machine.
 */
package org.openvisit.sandbox.graph;
