/**
 * The EHR screen: pick a clinician or patient, see the schedule, and "Begin virtual visit", which
 * launches the registered app by SMART EHR launch or by encrypted context link.
 */
package org.openvisit.sandbox.screen;
