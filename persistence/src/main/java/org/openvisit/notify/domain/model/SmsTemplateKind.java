package org.openvisit.notify.domain.model;

import java.util.List;

/**
 * The messages an organization may word itself, each with the placeholders it may use and whether the join link is
 * required: the four scheduled messages (booked, moved, cancelled, reminder), the clinician's link from the visit page,
 * and the answers to HELP, STOP and START (named as their {@link SmsKeyword}). The appointment's messages may name the
 * clinician ({@code {clinician}}; the shipped texts do not); no placeholder names anything clinical.
 */
public enum SmsTemplateKind {
    CONFIRMATION(true, SmsTemplateText.ORGANIZATION, SmsTemplateText.DATE, SmsTemplateText.TIME, SmsTemplateText.LINK,
            SmsTemplateText.CLINICIAN),
    UPDATE(true, SmsTemplateText.ORGANIZATION, SmsTemplateText.DATE, SmsTemplateText.TIME, SmsTemplateText.LINK,
            SmsTemplateText.CLINICIAN),
    CANCELLATION(false, SmsTemplateText.ORGANIZATION, SmsTemplateText.DATE, SmsTemplateText.TIME,
            SmsTemplateText.CLINICIAN),
    REMINDER(true, SmsTemplateText.ORGANIZATION, SmsTemplateText.DATE, SmsTemplateText.TIME, SmsTemplateText.LINK,
            SmsTemplateText.CLINICIAN),
    LINK(true, SmsTemplateText.ORGANIZATION, SmsTemplateText.LINK, SmsTemplateText.CLINICIAN),
    HELP(false, SmsTemplateText.ORGANIZATION),
    STOP(false, SmsTemplateText.ORGANIZATION),
    START(false, SmsTemplateText.ORGANIZATION);

    /** The answer to a keyword a patient sent. */
    public static SmsTemplateKind answerTo(SmsKeyword keyword) {
        return valueOf(keyword.name());
    }

    private final boolean linkRequired;
    private final List<String> placeholders;

    SmsTemplateKind(boolean linkRequired, String... placeholders) {
        this.linkRequired = linkRequired;
        this.placeholders = List.of(placeholders);
    }

    /**
     * An endpoint may word it differently from its organization: every message except the answers to keywords,
     * which a number gives whichever of its endpoints the patient's messages came from.
     */
    public boolean perEndpoint() {
        return this != HELP && this != STOP && this != START;
    }

    /** The join link must be in the message (it is what the patient needs). */
    public boolean linkRequired() {
        return linkRequired;
    }

    /** The placeholder names this message may use, without braces. */
    public List<String> placeholders() {
        return placeholders;
    }
}
