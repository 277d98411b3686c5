/**
 * The authorization server's HTTP endpoints: SMART discovery, authorize (with the sign-in and
 * patient picker of standalone launches), token, and the JWKS.
 */
package org.openvisit.sandbox.oauth.web;
