/**
 * The sandbox EHR's clinical records: an in-memory, versioned store of FHIR R4 resources,
 * seeded at start with synthetic clinics, practitioners, patients and appointments.
 */
package org.openvisit.sandbox.records;
