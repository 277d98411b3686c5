package org.openvisit.notify.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.notify.application.OutboxView;
import org.openvisit.notify.domain.model.ConsentAction;
import org.openvisit.notify.domain.model.ConsentKind;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.shared.interfaces.web.BundleTexts;
import org.openvisit.shared.interfaces.web.RequestTexts;

/**
 * The notify context's portal texts ({@value #BUNDLE}) in the browser's language: {@code #{notifyText.get('key')}}
 * and {@code #{notifyText.format('key', value)}} on pages.
 */
@Named
@RequestScoped
public class NotifyText extends RequestTexts<BundleTexts> {

    public static final String BUNDLE = "org.openvisit.notify.interfaces.web.Messages";

    @Override
    protected BundleTexts textsFor(HttpServletRequest request) {
        return BundleTexts.of(BUNDLE, request);
    }

    /** A number's status in words. */
    public String status(SmsNumberStatus status) {
        return status == null ? "" : get("sms.status." + status.name());
    }

    /**
     * What the carrier last said of a message's delivery, in words: the built-in carrier's messages never leave the
     * server; an outside carrier's status (Twilio's {@code MessageStatus}, as its callback sent it) is worded when it is
     * one this page knows, and "another answer" otherwise (the carrier's text is never shown as it came).
     */
    public String delivery(OutboxView message) {
        return get(deliveryKey(message));
    }

    static String deliveryKey(OutboxView message) {
        if (message.deliveryStatus() == null) {
            return message.carrierMessageId() == null ? "sms.delivery.builtin" : "sms.delivery.waiting";
        }
        String status = message.deliveryStatus().toLowerCase(java.util.Locale.ROOT);
        return CARRIER_STATUSES.contains(status) ? "sms.delivery." + status : "sms.delivery.other";
    }

    /** The delivery statuses a carrier's callback can give that have words of their own. */
    static final java.util.Set<String> CARRIER_STATUSES = java.util.Set.of("queued", "accepted", "scheduled", "sending",
            "sent", "delivered", "undelivered", "failed", "canceled", "read");

    /** A kind of message in words. */
    public String templateKind(org.openvisit.notify.domain.model.SmsTemplateKind kind) {
        return kind == null ? "" : get("sms.template.kind." + kind.name());
    }

    /** A language messages are written in, by its tag (en, zh-CN, zh-TW, ru), in words. */
    public String templateLanguage(String language) {
        return language == null ? "" : get("sms.template.language." + language);
    }

    /** An outbox filter in words. */
    public String outboxFilter(String filter) {
        return filter == null ? "" : get("sms.outbox.filter." + filter);
    }

    /** Why the appointment feed refused messages, in words (a reason this page does not know: "other reasons"). */
    public String refusalReason(String reason) {
        try {
            return get("sms.refusal." + reason);
        } catch (java.util.MissingResourceException unknown) {
            return get("sms.refusal.other");
        }
    }

    /** A consent's name. */
    public String consent(ConsentKind kind) {
        return kind == null ? "" : get("sms.consent." + kind.name());
    }

    /** A consent change in words. */
    public String action(ConsentAction action) {
        return action == null ? "" : get("sms.consent.action." + action.name());
    }

    /** Why the FHIR poll skipped appointments, in words (a reason this page does not know: "other reasons"). */
    public String skipReason(String code) {
        try {
            return get("sms.feed.skip." + code);
        } catch (java.util.MissingResourceException unknown) {
            return get("sms.feed.skip.other");
        }
    }

    /** The FHIR poll's failure kind in words. */
    public String feedFailure(String kind) {
        if (kind == null) {
            return "";
        }
        try {
            return get("sms.feed.failure." + kind);
        } catch (java.util.MissingResourceException unknown) {
            return kind;
        }
    }
}
