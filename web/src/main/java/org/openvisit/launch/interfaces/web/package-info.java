/**
 * The SMART EHR launch in the browser: {@code GET /launch} (from the EHR) and {@code GET /launch/callback}
 * (back from the EHR's authorize endpoint). Outside the portal's sign-in: the EHR launch identifies the user.
 */
package org.openvisit.launch.interfaces.web;
