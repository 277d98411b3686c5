package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A patient join link a clinician sent by SMS from the visit page (regional store, {@code sms_link_send}): the
 * visit, the number typed sealed under the installation key (forgotten once the appointment is over: {@code keepFrom}
 * is the appointment's start, or the send's time when the EHR gave none) and the code of its short link.
 */
public record LinkSend(UUID id, UUID organizationId, UUID endpointId, UUID visitId, String phoneSealed,
                       String linkCode, Instant keepFrom, Instant sentAt) {

    public LinkSend {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(linkCode, "linkCode");
        Objects.requireNonNull(keepFrom, "keepFrom");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
