package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SmsTemplateKind;

import java.time.Instant;

/**
 * One kind of message in one language as the organization sends it: its wording ({@code custom}: its own, else the
 * shipped text), who changed it and when (null for the shipped text), and the shipped text ("reset to default").
 */
public record TemplateView(SmsTemplateKind kind, String language, String text, boolean custom, String updatedBy,
                           Instant updatedAt, String defaultText) implements java.io.Serializable {
}
