package org.openvisit.notify.application;

import org.openvisit.tenant.domain.model.DataRegion;

import java.util.UUID;

/**
 * One SMS to hand to the carrier: from the organization's number to the patient's (both E.164), a body with no
 * clinical information; the organization's region (where the built-in carrier keeps its outbox) and the scheduled
 * send it comes from ({@code null} for a reply to an inbound message).
 */
public record OutgoingSms(DataRegion region, UUID organizationId, UUID sendId, String from, String to, String body) {
}
