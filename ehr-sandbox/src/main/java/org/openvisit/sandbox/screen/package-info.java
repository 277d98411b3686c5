/**
 * The EHR screens: pick a clinician or patient, see the schedule, and "Begin virtual visit", which
 * launches the registered app by SMART EHR launch or by encrypted context link; the embedded screen
 * shows the app in a cross-site frame of its page (or a window of its own), as EHRs do.
 */
package org.openvisit.sandbox.screen;
