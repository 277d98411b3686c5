/**
 * The launch in the browser: {@code GET /launch} (the bare SMART launch), {@code /launch/e/{key}} and
 * {@code /launch/e/{key}/patient} (an endpoint's own provider and patient launch URLs), {@code /launch/callback} (back
 * from the EHR's authorize endpoint), {@code /launch/context} (encrypted context links) and
 * {@code /teams/sign-in/callback} (back from a clinician's one-time Microsoft sign-in before their first Teams visit). The browser's launch state
 * lives in one typed {@link org.openvisit.launch.interfaces.web.BrowserLaunchState}, kept for every node by
 * {@link org.openvisit.launch.interfaces.web.BrowserStates} under the browser's own cookie; HTTP statuses, redirects and the
 * refusal page (Facelets, in the browser's language from the launch bundle) are decided here. Outside the portal's
 * sign-in: the EHR launch identifies the user.
 */
package org.openvisit.launch.interfaces.web;
