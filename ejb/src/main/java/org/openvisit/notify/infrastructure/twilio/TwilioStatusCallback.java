package org.openvisit.notify.infrastructure.twilio;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * One call of Twilio's message status callback: the signature checked against the callback URL OpenVisit gave with
 * the message (not the URL the request arrived at, which a proxy may have changed), then {@code MessageStatus}
 * recorded for {@code MessageSid}. The form's numbers (To, From) are not read.
 */
public final class TwilioStatusCallback {

    /** What became of the call. */
    public enum Outcome { RECORDED, UNKNOWN_MESSAGE, BAD_SIGNATURE }

    private TwilioStatusCallback() {
    }

    /**
     * @param record records (message SID, status); answers whether the message was found
     */
    public static Outcome handle(String authToken, String callbackUrl, Map<String, List<String>> form,
                                 String signature, BiPredicate<String, String> record) {
        if (!TwilioSignature.valid(authToken, callbackUrl, form, signature)) {
            return Outcome.BAD_SIGNATURE;
        }
        String sid = first(form, "MessageSid");
        String status = first(form, "MessageStatus");
        return sid != null && status != null && record.test(sid, status) ? Outcome.RECORDED : Outcome.UNKNOWN_MESSAGE;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
