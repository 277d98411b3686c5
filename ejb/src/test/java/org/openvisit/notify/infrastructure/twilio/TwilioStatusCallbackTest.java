package org.openvisit.notify.infrastructure.twilio;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's status callback as Twilio sends it: signed form fields, the status recorded only when the signature holds. */
class TwilioStatusCallbackTest {

    private static final String TOKEN = "test-auth-token";
    private static final String URL = "https://openvisit.example.org/api/feeds/twilio/status";
    private final List<String> recorded = new ArrayList<>();

    private static Map<String, List<String>> form(String sid, String status) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("MessageSid", List.of(sid));
        form.put("SmsSid", List.of(sid));
        form.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
        form.put("MessageStatus", List.of(status));
        form.put("SmsStatus", List.of(status));
        form.put("To", List.of("+12025550147"));
        form.put("From", List.of("+12025550100"));
        form.put("ApiVersion", List.of("2010-04-01"));
        return form;
    }

    private TwilioStatusCallback.Outcome call(Map<String, List<String>> form, String signature) {
        return TwilioStatusCallback.handle(TOKEN, URL, form, signature, (sid, status) -> {
            recorded.add(sid + " " + status);
            return sid.equals("SM1111111111");
        });
    }

    @Test
    void aSignedCallbackRecordsItsStatus() {
        Map<String, List<String>> form = form("SM1111111111", "delivered");
        assertThat(call(form, TwilioSignature.of(TOKEN, URL, form))).isEqualTo(TwilioStatusCallback.Outcome.RECORDED);
        assertThat(recorded).containsExactly("SM1111111111 delivered");
    }

    @Test
    void aForgedOrChangedCallbackRecordsNothing() {
        Map<String, List<String>> form = form("SM1111111111", "delivered");
        String signature = TwilioSignature.of(TOKEN, URL, form);
        Map<String, List<String>> changed = form("SM1111111111", "failed");
        assertThat(call(changed, signature)).isEqualTo(TwilioStatusCallback.Outcome.BAD_SIGNATURE);
        assertThat(call(form, null)).isEqualTo(TwilioStatusCallback.Outcome.BAD_SIGNATURE);
        assertThat(call(form, TwilioSignature.of("another-token", URL, form)))
                .isEqualTo(TwilioStatusCallback.Outcome.BAD_SIGNATURE);
        assertThat(call(form, TwilioSignature.of(TOKEN, "https://elsewhere.example/status", form)))
                .isEqualTo(TwilioStatusCallback.Outcome.BAD_SIGNATURE);
        assertThat(recorded).isEmpty();
    }

    @Test
    void aSignedCallbackOfAMessageOpenVisitDoesNotKnowChangesNothing() {
        Map<String, List<String>> form = form("SM9999999999", "delivered");
        assertThat(call(form, TwilioSignature.of(TOKEN, URL, form)))
                .isEqualTo(TwilioStatusCallback.Outcome.UNKNOWN_MESSAGE);
    }
}
