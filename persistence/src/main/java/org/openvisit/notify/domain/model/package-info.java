/**
 * SMS notifications (issue 15), the organization's side: its two consents with their history, and the sending phone
 * numbers it holds (provisioned through a carrier, linked to its FHIR endpoints) with theirs, each endpoint's feed source
 * and FHIR poll state; and the regional appointments, schedule and outbox the feed fills.
 */
package org.openvisit.notify.domain.model;
