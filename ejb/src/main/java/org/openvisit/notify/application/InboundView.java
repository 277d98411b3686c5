package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SmsKeyword;

/** What an inbound message did: the keyword it was (null: none, nothing changed) and the reply sent (or null). */
public record InboundView(SmsKeyword keyword, String reply) {
}
