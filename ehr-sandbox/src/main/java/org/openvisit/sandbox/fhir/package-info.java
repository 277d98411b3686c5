/**
 * The sandbox's FHIR R4 API on HAPI's plain server: one in-memory resource provider per type,
 * simple search matching, and the bearer-token and scope check in front of every call.
 */
package org.openvisit.sandbox.fhir;
