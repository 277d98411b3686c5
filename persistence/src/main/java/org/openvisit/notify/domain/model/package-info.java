/**
 * SMS notifications (issue 15), the organization's side: its two consents with their history, and the sending phone
 * numbers it holds (provisioned through a carrier, linked to its FHIR endpoints) with theirs. No patient data here.
 */
package org.openvisit.notify.domain.model;
