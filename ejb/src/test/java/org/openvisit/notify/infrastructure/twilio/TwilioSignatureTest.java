package org.openvisit.notify.infrastructure.twilio;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Twilio-Signature against the example vectors of Twilio's request-validation documentation and libraries. */
class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static Map<String, List<String>> params() {
        Map<String, List<String>> p = new LinkedHashMap<>(); // out of order on purpose
        p.put("To", List.of("+18005551212"));
        p.put("Digits", List.of("1234"));
        p.put("CallSid", List.of("CA1234567890ABCDE"));
        p.put("From", List.of("+14158675309"));
        p.put("Caller", List.of("+14158675309"));
        return p;
    }

    @Test
    void matchesTwiliosDocumentedExample() {
        assertThat(TwilioSignature.of(TOKEN, URL, params())).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void repeatedParametersAreSortedByValueToo() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("Sid", List.of("CA123"));
        p.put("SidAccount", List.of("AC123"));
        p.put("Digits", List.of("5678", "1234", "1234"));
        assertThat(TwilioSignature.of(TOKEN, URL, p)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void anyChangeOrNoSignatureFails() {
        Map<String, List<String>> tampered = params();
        tampered.put("Digits", List.of("9999"));
        assertThat(TwilioSignature.valid(TOKEN, URL, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL + "&x=1", params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.valid("other", URL, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), null)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), "")).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), "invalid 王")).isFalse();
    }
}
