package org.openvisit.notify.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
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
