/**
 * The approver's EHR sign-in in the portal (a SMART standalone launch): the servlet that sends the approver
 * to the EHR, the callback that completes it and records the endpoint as EHR_VERIFIED, and the one-time
 * message that tells the endpoint page why a sign-in failed.
 */
package org.openvisit.tenant.interfaces.web.ehrsignin;
