package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SmsTemplateKind;

import java.time.Instant;
import java.util.UUID;

/**
 * One kind of message in one language as the organization — or one of its endpoints ({@code endpointId}, null: the
 * organization) — sends it: its wording and where it comes from ({@code source}: {@code ENDPOINT} its own,
 * {@code ORGANIZATION} the organization's, {@code SHIPPED} the shipped text); {@code custom}: the wording belongs to
 * what was asked for, so Reset removes it; who changed it and when (null unless custom); and {@code defaultText}, the
 * text sent after a Reset (for an endpoint the organization's wording when it has one, else the shipped text).
 */
public record TemplateView(SmsTemplateKind kind, String language, UUID endpointId, String text, boolean custom,
                           String source, String updatedBy, Instant updatedAt, String defaultText)
        implements java.io.Serializable {
}
