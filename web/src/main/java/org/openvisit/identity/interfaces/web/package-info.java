/**
 * Signing in to the portal and the REST API: the authentication mechanism, the identity store over
 * the built-in accounts, the sign-in and sign-out screens, the second factor's code and set-up screens, and session
 * hardening.
 */
package org.openvisit.identity.interfaces.web;
