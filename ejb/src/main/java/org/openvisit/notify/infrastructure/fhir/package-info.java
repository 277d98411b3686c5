/**
 * The SMS feed's FHIR adapter: searches an EHR's {@code Appointment}s and reads {@code Patient} contact points with
 * SMART Backend Services through the {@code ehr} layer's one FHIR client factory.
 */
package org.openvisit.notify.infrastructure.fhir;
