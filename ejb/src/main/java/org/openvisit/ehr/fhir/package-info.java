/**
 * The one FHIR client factory: the application's single {@code FhirContext}, HAPI generic clients with explicit
 * timeouts, a connection pool whose name lookups obey the outbound address policy, the bearer token as a client
 * interceptor, and {@code If-None-Exist} sent as FHIR R4 says (search parameters only).
 */
package org.openvisit.ehr.fhir;
