/**
 * HTTP tests of the EHR sandbox on the shared Payara Micro: SMART discovery, EHR and standalone
 * launches, backend services, every rejection, scopes on the FHIR API, context links, fault switch.
 */
package org.openvisit.it.sandbox;
